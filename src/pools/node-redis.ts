// node-redis (@redis/client) v4–v6: createClient options under `socket`; only v6 has a default command timeout.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

/** v6 made commandOptions.timeout default to 5000 ms; v4/v5 commands wait forever. */
const V6_COMMAND_TIMEOUT_MS = 5_000;

export const nodeRedis: LibraryDefinition = {
  id: 'node-redis',
  title: 'node-redis',
  packages: ['redis', '@redis/client'],
  referenceMajor: 4,
  kind: 'redis-client',
  database: 'redis',
  sites: [
    { modules: ['redis', '@redis/client'], exportName: 'createClient', call: 'call', optionsArg: 0, construct: 'createClient' },
    { modules: ['redis', '@redis/client'], exportName: 'createClientPool', call: 'call', optionsArg: 0, construct: 'createClientPool', role: 'pool' },
  ],
  options: [
    option('url', 'string'),
    option('socket.connectTimeout', 'ms', { default: 5_000, facet: 'connectTimeoutMs' }),
    option('socket.socketTimeout', 'ms'),
    option('socket.keepAlive', 'ms', { default: 5_000 }),
    option('commandsQueueMaxLength', 'count', { facet: 'queueLimit' }),
    option('disableOfflineQueue', 'bool', { default: false }),
    option('pingInterval', 'ms'),
    option('commandOptions.timeout', 'ms', { default: (major) => (major >= 6 ? V6_COMMAND_TIMEOUT_MS : undefined), facet: 'commandTimeoutMs' }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['username', 'password', 'name', 'database', 'modules', 'scripts', 'functions', 'readonly', 'legacyMode', 'isolationPoolOptions', 'socket', 'RESP', 'clientInfoTag', 'commandOptions'],
  configHint: { signatureKeys: ['commandsQueueMaxLength', 'disableOfflineQueue', 'pingInterval'] },
};
