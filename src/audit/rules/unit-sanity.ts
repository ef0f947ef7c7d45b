// UNIT001: seconds written as milliseconds (pg maxLifetimeSeconds 60000 = 16.7 h) and milliseconds written as seconds.
import { z } from 'zod';
import { getLibrary, LIBRARIES as LIBRARY_REGISTRY } from '../../pools/index.js';
import type { OptionSpec } from '../../pools/library.js';
import type { Facet } from '../../pools/model.js';
import { isSet, optionNumber, reportOption } from '../rule-kit/bounds.js';
import { configsOf, defineRule } from './types.js';

/** Facets that are durations: a handful of milliseconds there is almost certainly a value meant in seconds. */
const DURATION_FACETS: readonly Facet[] = ['acquireTimeoutMs', 'connectTimeoutMs', 'idleTimeoutMs', 'maxLifetimeMs', 'statementTimeoutMs', 'commandTimeoutMs'];

function isSecondsOption(spec: OptionSpec): boolean {
  return spec.unit === 's';
}

function isDurationMsOption(spec: OptionSpec): boolean {
  return spec.unit === 'ms' && spec.facet !== undefined && DURATION_FACETS.includes(spec.facet);
}

const LIBRARIES = [...LIBRARY_REGISTRY.values()].filter((library) => library.options.some((spec) => isSecondsOption(spec) || isDurationMsOption(spec))).map((library) => library.id).sort();

/** An hour: above it, a whole multiple of 1000 in a seconds option reads like milliseconds (60000 → 16.7 h). */
const DEFAULT_MIN_SUSPECT_SECONDS = 3_600;
/** 100 ms: below it a connect/acquire/idle/query timeout cannot do its job; 30 likely meant 30 s. */
const DEFAULT_MIN_MS = 100;
const SECONDS_PER_HOUR = 3_600;
const MS_PER_SECOND = 1_000;

export const unitSanity = defineRule({
  meta: {
    id: 'unit-sanity',
    code: 'UNIT001',
    defaultSeverity: 'warning',
    description: 'Catch durations written in the wrong unit (seconds vs milliseconds).',
    libraries: LIBRARIES,
    messages: {
      secondsLookLikeMs: '{{library}} {{option}} is in seconds: {{value}} s is {{hours}} h; did you mean {{seconds}} s?',
      msLookLikeSeconds: '{{library}} {{option}} is in milliseconds: {{value}} ms is too short to work; did you mean {{ms}} ms?',
    },
    optionsSchema: z.strictObject({ minSuspectSeconds: z.number().positive(), minMs: z.number().positive() }),
    defaultOptions: { minSuspectSeconds: DEFAULT_MIN_SUSPECT_SECONDS, minMs: DEFAULT_MIN_MS },
  },
  check(context) {
    const { minSuspectSeconds, minMs } = context.options;
    for (const config of configsOf(context, LIBRARIES)) {
      for (const spec of getLibrary(config.library).options) {
        const value = config.options[spec.key];
        const number = optionNumber(value);
        // Only values the user wrote: defaults are the library's own and correct in their unit.
        if (!isSet(value) || number === undefined || number <= 0) continue;
        if (isSecondsOption(spec) && number > minSuspectSeconds && number % MS_PER_SECOND === 0) {
          reportOption(context, config, spec.key, 'secondsLookLikeMs', { hours: Number((number / SECONDS_PER_HOUR).toFixed(1)), seconds: number / MS_PER_SECOND });
        } else if (isDurationMsOption(spec) && number < minMs) {
          reportOption(context, config, spec.key, 'msLookLikeSeconds', { ms: number * MS_PER_SECOND });
        }
      }
    }
  },
});
