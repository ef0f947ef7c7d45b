// Table tests for lru-cache-bounded (CACHE001, lru-cache).
import { lruCacheBounded } from '../../../src/audit/rules/lru-cache-bounded.js';
import { ruleTable } from './harness.js';

ruleTable(lruCacheBounded, {
  valid: [
    { name: 'v10 with max', pools: [{ library: 'lru-cache', options: { max: 500 } }] },
    { name: 'v10 with maxSize and sizeCalculation', pools: [{ library: 'lru-cache', options: { maxSize: 5_000_000, sizeCalculation: 'fn' } }] },
    { name: 'v10 ttl with ttlAutopurge', pools: [{ library: 'lru-cache', options: { ttl: 60_000, ttlAutopurge: true } }] },
    { name: 'v6 with max', pools: [{ library: 'lru-cache', major: 6, options: { max: 100, maxAge: 60_000 } }] },
    { name: 'max from an env var without fallback', pools: [{ library: 'lru-cache', unknown: ['max'] }] },
    { name: 'opaque options', pools: [{ library: 'lru-cache', major: 6, opaque: [''] }] },
  ],
  invalid: [
    { name: 'v6 without max: Infinity', pools: [{ library: 'lru-cache', major: 6, options: { maxAge: 60_000 } }], errors: [{ messageId: 'unboundedLegacy', data: { major: 6, option: 'max', value: 'Infinity (unbounded)' } }] },
    { name: 'v6 max 0 is Infinity too', pools: [{ library: 'lru-cache', major: 6, options: { max: 0 } }], errors: [{ messageId: 'unboundedLegacy', data: { major: 6, value: '0' } }] },
    { name: 'v10 ttl only', pools: [{ library: 'lru-cache', options: { ttl: 60_000 } }], errors: [{ messageId: 'ttlOnly', data: { library: 'lru-cache' } }] },
    { name: 'v7 maxAge (old ttl alias) only', pools: [{ library: 'lru-cache', major: 7, options: { maxAge: 60_000 } }], errors: [{ messageId: 'ttlOnly' }] },
    { name: 'v11 without any bound throws', pools: [{ library: 'lru-cache', major: 11, options: { allowStale: true } }], errors: [{ messageId: 'noBound', data: { major: 11 } }] },
  ],
});
