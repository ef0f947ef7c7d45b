// Node's http/https Agent live (globalAgent included): sockets in use, free keep-alive sockets and queued
// requests per host key, against maxSockets (Infinity by default: reported as unbounded, not as a number).
import type { RuntimePoolLibrary } from './types.js';

export const httpAgentRuntime: RuntimePoolLibrary = {
  library: 'http-agent',
  // builtin() answers only for modules the app loaded (live-pools' table): https is read, never loaded, here.
  prototypes: `(fromCache, builtin) => [builtin('http') && builtin('http').Agent.prototype]`,
  duckKey: 'freeSockets',
  duck: `(o) => typeof o.sockets === 'object' && typeof o.freeSockets === 'object' && typeof o.requests === 'object' && 'maxSockets' in o`,
  read: `(o) => {
    const http = builtin('http');
    const https = builtin('https');
    const name = http && o === http.globalAgent ? 'http.globalAgent' : https && o === https.globalAgent ? 'https.globalAgent' : (o.protocol || 'http:').replace(':', '') + ' Agent';
    const max = Number.isFinite(o.maxSockets) ? o.maxSockets : undefined;
    const len = (table, key) => (table[key] ? table[key].length : 0);
    const keys = new Set([...Object.keys(o.sockets), ...Object.keys(o.freeSockets), ...Object.keys(o.requests)]);
    const extra = { maxSockets: Number.isFinite(o.maxSockets) ? o.maxSockets : 'Infinity', maxTotalSockets: Number.isFinite(o.maxTotalSockets) ? o.maxTotalSockets : 'Infinity', keepAlive: !!o.keepAlive };
    if (keys.size === 0) return [{ key: '', label: name, counts: { total: 0, idle: 0, inUse: 0, waiting: 0, max }, extra }];
    return [...keys].map((key) => {
      const inUse = len(o.sockets, key), idle = len(o.freeSockets, key);
      return { key, label: name + ' ' + key.replace(/:+$/, ''), counts: { total: inUse + idle, idle, inUse, waiting: len(o.requests, key), max }, extra };
    });
  }`,
  heap: { classNames: ['Agent'], edgeNames: ['sockets', 'freeSockets', 'requests'], connectionClassNames: ['Socket', 'TLSSocket'] },
};
