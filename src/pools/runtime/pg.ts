// pg / pg-pool live: BoundPool instances; counters totalCount/idleCount/waitingCount (pg-pool getters over
// _clients/_idle/_pendingQueue, read here directly) and options.max (default 10).
import type { RuntimePoolLibrary } from './types.js';

export const pgRuntime: RuntimePoolLibrary = {
  library: 'pg',
  prototypes: `(fromCache) => {
    const pg = fromCache('pg');
    const bound = pg && pg.Pool && pg.Pool.prototype;
    const base = fromCache('pg-pool');
    return [bound && Object.getPrototypeOf(bound), base && base.prototype];
  }`,
  duckKey: '_pendingQueue',
  duck: `(o) => Array.isArray(o._clients) && Array.isArray(o._idle) && Array.isArray(o._pendingQueue) && typeof o.options === 'object'`,
  read: `(o) => {
    const opt = o.options || {};
    let label = (opt.host || 'localhost') + ':' + (opt.port || 5432) + '/' + (opt.database || '');
    // Only host, port and database leave the target: never the user or the password of a connection string.
    if (opt.connectionString) { try { const u = new URL(opt.connectionString); label = u.hostname + ':' + (u.port || 5432) + u.pathname; } catch (e) { label = 'connectionString'; } }
    const total = o._clients.length;
    const idle = o._idle.length;
    return [{ key: '', label, counts: { total, idle, inUse: total - idle, waiting: o._pendingQueue.length, max: opt.max },
      extra: { connectionTimeoutMillis: opt.connectionTimeoutMillis || 0, ending: !!o.ending } }];
  }`,
  heap: { classNames: ['BoundPool', 'Pool'], connectionClassNames: ['Client', 'Connection'] },
};
