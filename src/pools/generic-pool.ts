// generic-pool 3: createPool(factory, opts) — max defaults to 1 and idle eviction only runs with an interval.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

export const genericPool: LibraryDefinition = {
  id: 'generic-pool',
  title: 'generic-pool',
  packages: ['generic-pool'],
  referenceMajor: 3,
  kind: 'resource-pool',
  sites: [{ modules: ['generic-pool'], exportName: 'createPool', call: 'call', optionsArg: 1, construct: 'genericPool.createPool' }],
  options: [
    // PoolOptions.js: NaN or 0 both become 1.
    option('max', 'count', { default: 1, facet: 'maxSize', zero: 'default' }),
    option('min', 'count', { default: 0, facet: 'minSize' }),
    option('maxWaitingClients', 'count', { facet: 'queueLimit' }),
    option('acquireTimeoutMillis', 'ms', { facet: 'acquireTimeoutMs' }),
    option('destroyTimeoutMillis', 'ms'),
    option('evictionRunIntervalMillis', 'ms', { default: 0 }),
    // 30000, but it has no effect unless evictionRunIntervalMillis > 0 (coopernurse/node-pool#178).
    option('idleTimeoutMillis', 'ms', { default: 30_000, facet: 'idleTimeoutMs' }),
    option('softIdleTimeoutMillis', 'ms', { default: -1 }),
    option('numTestsPerEvictionRun', 'count', { default: 3 }),
    option('testOnBorrow', 'bool', { default: false }),
    option('testOnReturn', 'bool', { default: false }),
    option('fifo', 'bool', { default: true }),
    option('priorityRange', 'count', { default: 1 }),
    option('autostart', 'bool', { default: true }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['Promise'],
  configHint: { signatureKeys: ['evictionRunIntervalMillis', 'maxWaitingClients', 'numTestsPerEvictionRun', 'softIdleTimeoutMillis', 'testOnBorrow'] },
};
