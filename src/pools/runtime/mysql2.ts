// mysql2 live: core Pool instances (the promise wrapper holds one); private queues _allConnections,
// _freeConnections, _connectionQueue (Denque-like, .length) against config.connectionLimit (0 = unlimited).
import type { RuntimePoolLibrary } from './types.js';

export const mysql2Runtime: RuntimePoolLibrary = {
  library: 'mysql2',
  prototypes: `(fromCache) => { const m = fromCache('mysql2'); return [m && m.Pool && m.Pool.prototype]; }`,
  duckKey: '_connectionQueue',
  duck: `(o) => o._allConnections != null && o._freeConnections != null && typeof o.config === 'object' && 'connectionLimit' in o.config`,
  read: `(o) => {
    const c = (o.config && o.config.connectionConfig) || {};
    const total = o._allConnections.length, idle = o._freeConnections.length;
    const limit = o.config.connectionLimit;
    return [{ key: '', label: (c.host || 'localhost') + ':' + (c.port || 3306) + '/' + (c.database || ''),
      counts: { total, idle, inUse: total - idle, waiting: o._connectionQueue.length, max: limit > 0 ? limit : undefined },
      extra: { queueLimit: o.config.queueLimit, unlimited: limit === 0 } }];
  }`,
  heap: { classNames: ['Pool'], connectionClassNames: ['PoolConnection'] },
};
