// undici live: Agent (per-origin dispatchers), Pool and Client; counters from the library's own stats
// objects (connected/free/pending/running/size). Pools owned by an Agent, Clients owned by a Pool, are
// reported through their owner only.
import type { RuntimePoolLibrary } from './types.js';

/** Finds a symbol-keyed own field by its description (undici keeps state behind Symbol('clients') etc.). */
const SYMBOL_FIELD = `(o, name) => { const s = Object.getOwnPropertySymbols(o).find((x) => x.description === name); return s ? o[s] : undefined; }`;

export const undiciRuntime: RuntimePoolLibrary = {
  library: 'undici',
  prototypes: `(fromCache) => { const u = fromCache('undici'); return u ? [u.Agent && u.Agent.prototype, u.Pool && u.Pool.prototype, u.Client && u.Client.prototype] : []; }`,
  duckKey: '',
  duck: `(o) => false`,
  owned: `(o) => {
    const field = ${SYMBOL_FIELD};
    const clients = field(o, 'clients');
    if (clients instanceof Map) return [...clients.values()].map((entry) => entry && entry.dispatcher).filter(Boolean);
    if (Array.isArray(clients)) return clients;
    return [];
  }`,
  read: `(o) => {
    const field = ${SYMBOL_FIELD};
    const one = (label, stats, max) => {
      const connected = stats.connected || 0, free = stats.free ?? 0;
      return { key: label, label, counts: { total: connected, idle: free, inUse: stats.running || 0, waiting: stats.pending || 0, max: max || undefined },
        extra: { queued: stats.queued ?? stats.pending ?? 0, size: stats.size || 0, unlimited: !max } };
    };
    const url = field(o, 'url');
    const clients = field(o, 'clients');
    if (clients instanceof Map) {
      const out = [];
      for (const entry of clients.values()) {
        const d = entry && entry.dispatcher;
        if (d && d.stats) out.push(one('Agent ' + field(d, 'url').origin, d.stats, field(d, 'connections')));
      }
      return out.length ? out : [{ key: '', label: 'Agent', counts: { total: 0, idle: 0, inUse: 0, waiting: 0 } }];
    }
    const isPool = Array.isArray(clients);
    return [one((isPool ? 'Pool ' : 'Client ') + (url ? url.origin : ''), o.stats, isPool ? field(o, 'connections') : 1)];
  }`,
  // Its state is symbol-keyed; snapshots name those edges `<symbol description>`. Agent and Pool both hold
  // `clients`; node's http.Agent has none of these. A Pool's connections are its Client objects (one socket each).
  heap: { classNames: ['Agent', 'Pool', 'BalancedPool'], edgeNames: ['<symbol clients>', '<symbol factory>'], connectionClassNames: ['Client'] },
};
