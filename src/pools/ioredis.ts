// ioredis 5/6: unbounded offline queue, no command timeout by default, `offlineQueue` is a dead key.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

/** keepAlive changed from 0 (v5) to 30000 ms (v6) per the reference tables. */
const V6_KEEPALIVE_MS = 30_000;

export const ioredis: LibraryDefinition = {
  id: 'ioredis',
  title: 'ioredis',
  packages: ['ioredis'],
  referenceMajor: 5,
  kind: 'redis-client',
  database: 'redis',
  sites: [
    // new Redis() | new Redis(port, host, opts) | new Redis(url, opts) | new Redis(opts): options are the last argument.
    { modules: ['ioredis'], exportName: 'default', call: 'new', optionsArg: 'last', urlArg: 0, construct: 'new Redis' },
    { modules: ['ioredis'], exportName: 'Redis', call: 'new', optionsArg: 'last', urlArg: 0, construct: 'new Redis' },
    { modules: ['ioredis'], exportName: 'Cluster', call: 'new', optionsArg: 1, optionsPath: 'redisOptions', construct: 'new Redis.Cluster', role: 'cluster' },
    { modules: ['ioredis'], exportName: 'default.Cluster', call: 'new', optionsArg: 1, optionsPath: 'redisOptions', construct: 'new Redis.Cluster', role: 'cluster' },
  ],
  options: [
    option('connectTimeout', 'ms', { default: 10_000, facet: 'connectTimeoutMs' }),
    option('commandTimeout', 'ms', { facet: 'commandTimeoutMs' }),
    option('socketTimeout', 'ms'),
    // 20 retries; null means a command waits forever while disconnected.
    option('maxRetriesPerRequest', 'count', { default: 20 }),
    option('enableOfflineQueue', 'bool', { default: true }),
    option('enableReadyCheck', 'bool', { default: true }),
    option('keepAlive', 'ms', { default: (major) => (major >= 6 ? V6_KEEPALIVE_MS : 0) }),
    option('autoResendUnfulfilledCommands', 'bool', { default: true }),
    option('maxLoadingRetryTime', 'ms', { default: 10_000 }),
    option('lazyConnect', 'bool', { default: false }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['host', 'port', 'password', 'username', 'db', 'tls', 'family', 'path', 'name', 'sentinels', 'sentinelPassword', 'retryStrategy', 'reconnectOnError', 'keyPrefix', 'connectionName', 'noDelay', 'stringNumbers', 'showFriendlyErrorStack', 'readOnly', 'natMap', 'enableAutoPipelining', 'autoPipeliningIgnoredCommands', 'scripts', 'role', 'preferredSlaves', 'sentinelRetryStrategy', 'protocol', 'Connector', 'monitor', 'redisOptions', 'enableTLSForSentinelMode', 'commandQueue'],
  urlSchemes: ['redis', 'rediss'],
  configHint: { signatureKeys: ['maxRetriesPerRequest', 'enableOfflineQueue', 'commandTimeout', 'enableReadyCheck', 'lazyConnect'] },
};
