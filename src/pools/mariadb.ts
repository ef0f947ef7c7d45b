// mariadb connector 3: createPool(opts | url) — idleTimeout in SECONDS, fixed-size pool by default.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

export const mariadb: LibraryDefinition = {
  id: 'mariadb',
  title: 'MariaDB connector',
  packages: ['mariadb'],
  referenceMajor: 3,
  kind: 'database-pool',
  database: 'mysql',
  sites: [
    { modules: ['mariadb', 'mariadb/callback'], exportName: 'createPool', call: 'call', optionsArg: 0, urlArg: 0, construct: 'mariadb.createPool' },
    { modules: ['mariadb', 'mariadb/callback'], exportName: 'createPoolCluster', call: 'call', optionsArg: 0, construct: 'mariadb.createPoolCluster' },
  ],
  options: [
    option('connectionLimit', 'count', { default: 10, facet: 'maxSize', urlParams: ['connectionLimit'] }),
    option('acquireTimeout', 'ms', { default: 10_000, facet: 'acquireTimeoutMs', urlParams: ['acquireTimeout'] }),
    // Seconds, not ms; 0 means never. With minimumIdle = connectionLimit nothing is ever reaped.
    option('idleTimeout', 's', { default: 1_800, facet: 'idleTimeoutMs', zero: 'unbounded', urlParams: ['idleTimeout'] }),
    option('minimumIdle', 'count', { facet: 'minSize', urlParams: ['minimumIdle'] }),
    option('leakDetectionTimeout', 'ms', { default: 0, urlParams: ['leakDetectionTimeout'] }),
    option('initializationTimeout', 'ms'),
    option('minDelayValidation', 'ms', { default: 500 }),
    option('pingTimeout', 'ms', { default: 250 }),
    option('connectTimeout', 'ms', { default: 1_000, facet: 'connectTimeoutMs', urlParams: ['connectTimeout'] }),
    option('queryTimeout', 'ms', { default: 0, facet: 'statementTimeoutMs', zero: 'unbounded', urlParams: ['queryTimeout'] }),
    option('socketTimeout', 'ms', { default: 0, zero: 'unbounded', urlParams: ['socketTimeout'] }),
    option('keepAliveDelay', 'ms', { aliases: ['keepAliveInitialDelay'] }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['host', 'port', 'user', 'password', 'database', 'ssl', 'charset', 'collation', 'timezone', 'socketPath', 'namedPlaceholders', 'multipleStatements', 'dateStrings', 'supportBigNumbers', 'bigNumberStrings', 'insertIdAsNumber', 'bigIntAsNumber', 'rowsAsArray', 'trace', 'logger', 'enableKeepAlive', 'compress', 'permitLocalInfile', 'connectAttributes'],
  urlSchemes: ['mariadb'],
  configHint: { signatureKeys: ['minimumIdle', 'leakDetectionTimeout', 'minDelayValidation', 'acquireTimeout', 'queryTimeout'] },
};
