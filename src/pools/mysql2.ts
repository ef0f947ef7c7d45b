// mysql2 3: createPool(opts | url) — connectionLimit 0 is unlimited, no acquire timeout, idleTimeout often inert.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';
import type { FacetValue } from './model.js';

/** pool_config.js: connectionLimit 10; maxIdle defaults to connectionLimit. */
const MYSQL2_DEFAULT_LIMIT = 10;

export const mysql2: LibraryDefinition = {
  id: 'mysql2',
  title: 'mysql2',
  packages: ['mysql2'],
  referenceMajor: 3,
  kind: 'database-pool',
  database: 'mysql',
  sites: [
    { modules: ['mysql2', 'mysql2/promise'], exportName: 'createPool', call: 'call', optionsArg: 0, urlArg: 0, construct: 'mysql.createPool' },
    { modules: ['mysql2', 'mysql2/promise'], exportName: 'createPoolCluster', call: 'call', optionsArg: 0, construct: 'mysql.createPoolCluster' },
  ],
  options: [
    // Every URL query param is JSON-parsed into an option, pool ones included (tested in the reference).
    option('connectionLimit', 'count', { default: MYSQL2_DEFAULT_LIMIT, facet: 'maxSize', zero: 'unbounded', urlParams: ['connectionLimit'] }),
    option('queueLimit', 'count', { default: 0, facet: 'queueLimit', zero: 'unbounded', urlParams: ['queueLimit'] }),
    option('waitForConnections', 'bool', { default: true, urlParams: ['waitForConnections'] }),
    option('maxIdle', 'count', { urlParams: ['maxIdle'] }),
    option('idleTimeout', 'ms', { default: 60_000, urlParams: ['idleTimeout'] }),
    option('connectTimeout', 'ms', { default: 10_000, facet: 'connectTimeoutMs', urlParams: ['connectTimeout'] }),
    option('enableKeepAlive', 'bool', { default: true }),
    option('keepAliveInitialDelay', 'ms', { default: 0 }),
    option('resetOnRelease', 'bool', { default: false }),
    option('uri', 'string'),
  ],
  // connection_config.js validOptions: unknown keys (acquireTimeout!) are ignored with a console warning.
  unknownKeys: 'ignored',
  passThrough: ['host', 'port', 'user', 'password', 'database', 'ssl', 'charset', 'timezone', 'socketPath', 'namedPlaceholders', 'multipleStatements', 'dateStrings', 'supportBigNumbers', 'bigNumberStrings', 'decimalNumbers', 'typeCast', 'rowsAsArray', 'flags', 'debug', 'trace', 'localAddress', 'connectAttributes', 'authPlugins', 'stream', 'Promise'],
  urlSchemes: ['mysql'],
  configHint: { signatureKeys: ['connectionLimit', 'queueLimit', 'waitForConnections', 'maxIdle', 'enableKeepAlive'] },
  deriveFacets: (options) => {
    // idleTimeout is only applied when maxIdle < connectionLimit (node-mysql2#3020); otherwise nothing is reaped.
    const idle = options['idleTimeout'];
    const maxIdle = options['maxIdle'];
    const limit = options['connectionLimit'];
    const reaperRuns = maxIdle?.origin === 'set' && limit?.origin !== 'unknown' && Number(maxIdle.value) < Number(limit?.value);
    const unknown = maxIdle?.origin === 'unknown' || idle?.origin === 'unknown';
    const facet: FacetValue = unknown
      ? { origin: 'unknown', option: 'idleTimeout', position: idle?.position }
      : { origin: idle?.origin ?? 'default', option: 'idleTimeout', value: reaperRuns ? Number(idle?.value) : Infinity, position: idle?.position };
    // No acquire timeout exists in mysql2 3.x: a waiting getConnection() waits forever (node-mysql2#673).
    return { idleTimeoutMs: facet, acquireTimeoutMs: { origin: 'default', option: 'queueLimit', value: Infinity } };
  },
};
