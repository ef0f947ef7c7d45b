// lru-cache: ≤ 6 `max` defaults to Infinity; 7+ needs max/maxSize/ttl, and ttl alone purges only on access.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

/** v7 rewrote the cache: before it, `max` defaulted to Infinity (lru-cache 6.0.0 index.js). */
const FIRST_BOUNDED_MAJOR = 7;

export const lruCache: LibraryDefinition = {
  id: 'lru-cache',
  title: 'lru-cache',
  packages: ['lru-cache'],
  referenceMajor: 10,
  kind: 'cache',
  sites: [
    { modules: ['lru-cache'], exportName: 'LRUCache', call: 'new', optionsArg: 0, construct: 'new LRUCache' },
    { modules: ['lru-cache'], exportName: 'default', call: 'new', optionsArg: 0, construct: 'new LRU' },
  ],
  options: [
    option('max', 'count', { default: (major) => (major < FIRST_BOUNDED_MAJOR ? Infinity : 0), facet: 'maxSize', zero: 'unbounded' }),
    option('maxSize', 'bytes', { default: 0 }),
    option('ttl', 'ms', { aliases: ['maxAge'], default: 0 }),
    option('ttlAutopurge', 'bool', { default: false }),
    option('sizeCalculation', 'function', { aliases: ['length'] }),
    option('allowStale', 'bool', { aliases: ['stale'], default: false }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['dispose', 'disposeAfter', 'noDisposeOnSet', 'updateAgeOnGet', 'updateAgeOnHas', 'noUpdateTTL', 'fetchMethod', 'memoMethod', 'noDeleteOnStaleGet', 'noDeleteOnFetchRejection', 'allowStaleOnFetchRejection', 'allowStaleOnFetchAbort', 'ignoreFetchAbort', 'ttlResolution', 'maxEntrySize', 'perf', 'onInsert'],
};
