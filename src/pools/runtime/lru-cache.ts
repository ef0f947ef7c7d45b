// lru-cache live: LRUCache instances (v7–v11 keep state in private fields; size and max are public getters).
import type { RuntimePoolLibrary } from './types.js';

export const lruCacheRuntime: RuntimePoolLibrary = {
  library: 'lru-cache',
  prototypes: `(fromCache) => { const l = fromCache('lru-cache'); const C = l && (l.LRUCache || l.default || l); return [C && C.prototype]; }`,
  duckKey: 'ttlAutopurge',
  duck: `(o) => 'allowStale' in o && 'updateAgeOnGet' in o && typeof o.size === 'number'`,
  read: `(o) => [{ key: '', label: 'lru-cache', counts: { total: o.size, max: o.max || undefined },
    extra: { maxSize: o.maxSize || 0, ttl: o.ttl || 0, unbounded: !o.max && !o.maxSize } }]`,
  heap: { classNames: ['LRUCache'], connectionClassNames: [] },
};
