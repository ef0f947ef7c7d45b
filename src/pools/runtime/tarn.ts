// tarn (and knex, which pools through tarn) live: used/free/pendingAcquires arrays and max.
import type { RuntimePoolLibrary } from './types.js';

export const tarnRuntime: RuntimePoolLibrary = {
  library: 'tarn',
  prototypes: `(fromCache) => { const tarn = fromCache('tarn'); return [tarn && tarn.Pool && tarn.Pool.prototype]; }`,
  duckKey: 'pendingAcquires',
  duck: `(o) => Array.isArray(o.used) && Array.isArray(o.free) && Array.isArray(o.pendingAcquires) && typeof o.max === 'number'`,
  read: `(o) => {
    const used = o.used.length, free = o.free.length;
    return [{ key: '', label: 'tarn', counts: { total: used + free, idle: free, inUse: used, waiting: o.pendingAcquires.length, max: o.max },
      extra: { acquireTimeoutMillis: o.acquireTimeoutMillis, pendingCreates: Array.isArray(o.pendingCreates) ? o.pendingCreates.length : 0 } }];
  }`,
  heap: { classNames: ['Pool'], connectionClassNames: ['Resource'] },
};
