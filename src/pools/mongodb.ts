// MongoDB Node driver: maxPoolSize per server per client; a checkout waits forever by default; unknown keys throw.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

export const mongodb: LibraryDefinition = {
  id: 'mongodb',
  title: 'MongoDB Node driver',
  packages: ['mongodb'],
  referenceMajor: 6,
  kind: 'database-pool',
  database: 'mongodb',
  sites: [
    { modules: ['mongodb'], exportName: 'MongoClient', call: 'new', optionsArg: 1, urlArg: 0, construct: 'new MongoClient' },
    { modules: ['mongodb'], exportName: 'MongoClient.connect', call: 'call', optionsArg: 1, urlArg: 0, construct: 'MongoClient.connect' },
  ],
  options: [
    option('maxPoolSize', 'count', { default: 100, facet: 'maxSize', zero: 'unbounded', urlParams: ['maxPoolSize', 'maxpoolsize'] }),
    option('minPoolSize', 'count', { default: 0, facet: 'minSize', urlParams: ['minPoolSize', 'minpoolsize'] }),
    option('maxConnecting', 'count', { default: 2, urlParams: ['maxConnecting'] }),
    option('maxIdleTimeMS', 'ms', { default: 0, facet: 'idleTimeoutMs', zero: 'unbounded', urlParams: ['maxIdleTimeMS', 'maxidletimems'] }),
    option('waitQueueTimeoutMS', 'ms', { default: 0, facet: 'acquireTimeoutMs', zero: 'unbounded', urlParams: ['waitQueueTimeoutMS', 'waitqueuetimeoutms'] }),
    option('connectTimeoutMS', 'ms', { default: 30_000, facet: 'connectTimeoutMs', urlParams: ['connectTimeoutMS', 'connecttimeoutms'] }),
    option('socketTimeoutMS', 'ms', { default: 0, facet: 'statementTimeoutMs', zero: 'unbounded', urlParams: ['socketTimeoutMS', 'sockettimeoutms'] }),
    option('serverSelectionTimeoutMS', 'ms', { default: 30_000, urlParams: ['serverSelectionTimeoutMS'] }),
    option('heartbeatFrequencyMS', 'ms', { default: 10_000, urlParams: ['heartbeatFrequencyMS'] }),
    option('timeoutMS', 'ms', { urlParams: ['timeoutMS'] }),
  ],
  // src/connection_string.ts: unsupported options throw MongoParseError (the legacy `poolSize` included).
  unknownKeys: 'throws',
  passThrough: ['auth', 'authSource', 'authMechanism', 'authMechanismProperties', 'tls', 'ssl', 'tlsCAFile', 'tlsCertificateKeyFile', 'tlsAllowInvalidCertificates', 'replicaSet', 'readPreference', 'readConcern', 'writeConcern', 'w', 'journal', 'retryWrites', 'retryReads', 'appName', 'directConnection', 'compressors', 'monitorCommands', 'serverApi', 'family', 'loadBalanced', 'localThresholdMS', 'driverInfo', 'ignoreUndefined', 'promoteLongs', 'promoteValues', 'bsonRegExp', 'raw', 'proxyHost', 'proxyPort', 'srvMaxHosts', 'zlibCompressionLevel', 'autoEncryption', 'pkFactory', 'maxStalenessSeconds', 'noDelay', 'dbName', 'keepAlive', 'enableUtf8Validation', 'useBigInt64', 'serializeFunctions', 'forceServerObjectId', 'lookup', 'checkServerIdentity'],
  urlSchemes: ['mongodb', 'mongodb+srv'],
  configHint: { signatureKeys: ['maxPoolSize', 'minPoolSize', 'waitQueueTimeoutMS', 'maxIdleTimeMS', 'serverSelectionTimeoutMS'] },
};
