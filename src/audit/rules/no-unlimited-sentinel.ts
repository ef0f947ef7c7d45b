// POOL002: values that read like a limit but mean "unlimited" (mysql2 connectionLimit 0, Agent maxSockets Infinity …).
import type { Scalar } from '../../pools/model.js';
import { isSet, reportOption } from '../rule-kit/bounds.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

/**
 * Per library: the option and the written values the library turns into "no limit" (read in each library's source).
 * http.Agent `maxSockets: Infinity` is left to http-agent-bounded: it is only a problem when maxTotalSockets is
 * unbounded too (a per-host Infinity under a total cap is a deliberate choice).
 */
const SENTINELS: ReadonlyArray<{ library: string; key: string; values: readonly Scalar[]; meaning: string }> = [
  // mysql2 base/pool.js getConnection: `if (!this.config.connectionLimit || …)` — 0 opens connections without limit.
  { library: 'mysql2', key: 'connectionLimit', values: [0], meaning: 'opens connections without limit' },
  // mongodb connection_pool.ts: maxPoolSize 0 disables the size check.
  { library: 'mongodb', key: 'maxPoolSize', values: [0], meaning: 'opens connections without limit per server' },
  // undici pool.js: `connections` 0 becomes null, and null is unlimited.
  { library: 'undici', key: 'connections', values: [0, null], meaning: 'opens sockets without limit per origin' },
];

const LIBRARIES = [...new Set(SENTINELS.map((sentinel) => sentinel.library))].sort();

/** URL params arrive as strings ("0"): compare numbers as numbers. */
function matches(value: Scalar | undefined, sentinel: Scalar): boolean {
  if (value === sentinel) return true;
  return typeof value === 'string' && typeof sentinel === 'number' && value.trim() !== '' && Number(value) === sentinel;
}

export const noUnlimitedSentinel = defineRule({
  meta: {
    id: 'no-unlimited-sentinel',
    code: 'POOL002',
    defaultSeverity: 'error',
    description: 'Do not write a limit value that the library reads as "unlimited".',
    libraries: LIBRARIES,
    messages: {
      unlimited: '{{library}} {{option}} = {{value}} {{meaning}}: write the finite limit you mean',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      for (const sentinel of SENTINELS) {
        const value = config.options[sentinel.key];
        if (config.library !== sentinel.library || !isSet(value)) continue;
        if (sentinel.values.some((candidate) => matches(value.value, candidate))) {
          reportOption(context, config, sentinel.key, 'unlimited', { meaning: sentinel.meaning });
        }
      }
    }
  },
});
