// ioredis live: one connection per Redis instance; status, commands in flight (commandQueue) and commands
// parked while disconnected (offlineQueue, uncapped by default: ioredis#76).
import type { RuntimePoolLibrary } from './types.js';

export const ioredisRuntime: RuntimePoolLibrary = {
  library: 'ioredis',
  prototypes: `(fromCache) => { const r = fromCache('ioredis'); const Redis = r && (r.Redis || r.default || r); return [Redis && Redis.prototype]; }`,
  duckKey: 'offlineQueue',
  duck: `(o) => o.commandQueue != null && o.offlineQueue != null && typeof o.status === 'string' && typeof o.options === 'object' && 'port' in o.options`,
  read: `(o) => {
    const opt = o.options || {};
    const connected = o.status === 'ready' || o.status === 'connect' ? 1 : 0;
    return [{ key: '', label: (opt.path || ((opt.host || 'localhost') + ':' + (opt.port || 6379))) + '/' + (opt.db || 0),
      counts: { total: connected, inUse: o.commandQueue.length, waiting: o.offlineQueue.length },
      extra: { status: o.status, maxRetriesPerRequest: opt.maxRetriesPerRequest === null ? 'null' : (opt.maxRetriesPerRequest ?? 20) } }];
  }`,
  heap: { classNames: ['Redis'], connectionClassNames: ['Socket', 'Command'] },
};
