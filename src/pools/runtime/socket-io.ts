// socket.io live: Server instances; connected engine clients and packets buffered towards them (writeBuffer),
// the memory that grows when clients read slower than the server writes.
import type { RuntimePoolLibrary } from './types.js';

export const socketIoRuntime: RuntimePoolLibrary = {
  library: 'socket.io',
  prototypes: `(fromCache) => { const s = fromCache('socket.io'); return [s && s.Server && s.Server.prototype]; }`,
  duckKey: '_nsps',
  duck: `(o) => o._nsps instanceof Map && typeof o.engine === 'object' && o.engine !== null`,
  read: `(o) => {
    const engine = o.engine || {};
    let buffered = 0, maxBuffered = 0;
    for (const id in engine.clients || {}) {
      const n = (engine.clients[id].writeBuffer || []).length;
      buffered += n; if (n > maxBuffered) maxBuffered = n;
    }
    const clients = engine.clientsCount || 0;
    return [{ key: '', label: 'socket.io ' + [...o._nsps.keys()].join(','), counts: { total: clients, inUse: clients, waiting: buffered },
      extra: { bufferedPackets: buffered, maxBufferedPerClient: maxBuffered, maxHttpBufferSize: (o.opts && o.opts.maxHttpBufferSize) || 1e6 } }];
  }`,
  heap: { classNames: ['Server'], connectionClassNames: ['Socket', 'Client'] },
};
