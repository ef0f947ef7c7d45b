// CACHE001 (lru-cache): ≤ 6 defaults to max Infinity; 7+ with only a ttl purges stale entries on access only.
import { optionNumber } from '../rule-kit/bounds.js';
import { optionLabel, showValue } from '../rule-kit/describe.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

const LIBRARIES = ['lru-cache'];

/** v7 rewrote the cache: before it `max` defaulted to Infinity (lru-cache 6.0.0 index.js `options.max || Infinity`). */
const FIRST_BOUNDED_MAJOR = 7;

export const lruCacheBounded = defineRule({
  meta: {
    id: 'lru-cache-bounded',
    code: 'CACHE001',
    defaultSeverity: 'error',
    description: 'Give every lru-cache a size bound (max or maxSize), or a ttl with ttlAutopurge.',
    libraries: LIBRARIES,
    messages: {
      unboundedLegacy: 'lru-cache {{major}} keeps every entry: {{option}} is {{value}} (≤ 6 defaults to Infinity): set a finite max',
      ttlOnly: 'lru-cache with only a ttl grows without bound: stale entries are purged only when read; set max/maxSize or ttlAutopurge',
      noBound: 'lru-cache {{major}} throws at construction without max, maxSize or ttl: set max',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      const { options, version } = config;
      const keys = ['max', 'maxSize', 'ttl', 'ttlAutopurge'];
      if (keys.some((key) => options[key]?.origin === 'unknown')) continue;
      const max = config.facets.maxSize;
      const data = { library: 'lru-cache', major: version.major, option: optionLabel('max', options['max']), value: showValue(options['max']?.value) };
      if (version.major < FIRST_BOUNDED_MAJOR) {
        if (max?.value === Infinity) context.report({ config, position: options['max']?.position, messageId: 'unboundedLegacy', data });
        continue;
      }
      if ((optionNumber(options['max']) ?? 0) > 0 || (optionNumber(options['maxSize']) ?? 0) > 0) continue;
      if ((optionNumber(options['ttl']) ?? 0) > 0) {
        if (options['ttlAutopurge']?.value !== true) context.report({ config, position: options['ttl']?.position, messageId: 'ttlOnly', data });
      } else {
        context.report({ config, messageId: 'noBound', data });
      }
    }
  },
});
