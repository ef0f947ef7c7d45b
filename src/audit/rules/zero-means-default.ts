// POOL003: a 0 that the library silently replaces, rejects, or reads as "never" (pg max 0 → 10, tarn timeouts 0 throw).
import { getLibrary } from '../../pools/index.js';
import { defaultFor } from '../../pools/library.js';
import { isSet, optionNumber, reportOption } from '../rule-kit/bounds.js';
import { showValue } from '../rule-kit/describe.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

/** Libraries whose `|| default` code or validation makes 0 mean something else (declared per option as `zero`). */
const LIBRARIES = ['generic-pool', 'knex', 'mssql', 'pg', 'tarn'];

/** pg-pool `_release()`: idleTimeoutMillis 0 skips the idle timer, so idle clients are never closed. */
const ZERO_MEANS_NEVER: ReadonlyArray<{ library: string; key: string }> = [{ library: 'pg', key: 'idleTimeoutMillis' }];

export const zeroMeansDefault = defineRule({
  meta: {
    id: 'zero-means-default',
    code: 'POOL003',
    defaultSeverity: 'error',
    description: 'Do not write 0 where the library replaces it with a default, rejects it, or reads it as "never".',
    libraries: LIBRARIES,
    messages: {
      becomesDefault: '{{library}} {{option}} = 0 is silently replaced by the default {{replacement}}: write the value you mean',
      throws: '{{library}} {{option}} = 0 throws at pool construction (tarn: "invalid opt"): remove it or write a positive value',
      never: '{{library}} {{option}} = 0 disables it: idle clients are never closed; write a positive timeout',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      for (const spec of getLibrary(config.library).options) {
        const value = config.options[spec.key];
        if (!isSet(value) || optionNumber(value) !== 0) continue;
        if (spec.zero === 'default') reportOption(context, config, spec.key, 'becomesDefault', { replacement: showValue(defaultFor(spec, config.version.major)) });
        else if (spec.zero === 'throws') reportOption(context, config, spec.key, 'throws');
        else if (ZERO_MEANS_NEVER.some((entry) => entry.library === config.library && entry.key === spec.key)) reportOption(context, config, spec.key, 'never');
      }
    }
  },
});
