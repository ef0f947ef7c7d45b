// generic-pool live: Pool instances; size/available/borrowed/pending are the library's own cheap getters.
import type { RuntimePoolLibrary } from './types.js';

export const genericPoolRuntime: RuntimePoolLibrary = {
  library: 'generic-pool',
  prototypes: `(fromCache) => { const gp = fromCache('generic-pool'); return [gp && gp.Pool && gp.Pool.prototype]; }`,
  duckKey: '_waitingClientsQueue',
  duck: `(o) => typeof o._factory === 'object' && typeof o._config === 'object' && o._allObjects instanceof Set`,
  read: `(o) => [{ key: '', label: 'generic-pool', counts: { total: o.size, idle: o.available, inUse: o.borrowed, waiting: o.pending, max: o.max },
    extra: { acquireTimeoutMillis: o._config.acquireTimeoutMillis || 0 } }]`,
  heap: { classNames: ['Pool'], connectionClassNames: ['PooledResource'] },
};
