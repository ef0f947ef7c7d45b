// Node http/https Agent: `new Agent()` has Infinity sockets and no socket timeout (globalAgent differs since 19).
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

export const httpAgent: LibraryDefinition = {
  id: 'http-agent',
  title: 'Node http/https Agent',
  // Built into Node: the version that matters is Node's, not a package's.
  packages: [],
  referenceMajor: 20,
  kind: 'http-agent',
  sites: [
    { modules: ['http', 'node:http'], exportName: 'Agent', call: 'new', optionsArg: 0, construct: 'new http.Agent' },
    { modules: ['https', 'node:https'], exportName: 'Agent', call: 'new', optionsArg: 0, construct: 'new https.Agent' },
    { modules: ['agentkeepalive'], exportName: 'default', call: 'new', optionsArg: 0, construct: 'new Agent (agentkeepalive)' },
  ],
  options: [
    option('keepAlive', 'bool', { default: false }),
    option('keepAliveMsecs', 'ms', { default: 1_000 }),
    option('maxSockets', 'count', { default: Infinity, facet: 'maxSize' }),
    option('maxTotalSockets', 'count', { default: Infinity }),
    option('maxFreeSockets', 'count', { default: 256 }),
    option('scheduling', 'enum', { default: 'lifo' }),
    option('timeout', 'ms', { facet: 'idleTimeoutMs' }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername', 'family', 'lookup', 'localAddress', 'maxCachedSessions', 'noDelay', 'secureProtocol', 'ciphers', 'minVersion', 'maxVersion', 'checkServerIdentity', 'agentKeepAliveTimeoutBuffer', 'freeSocketTimeout'],
};
