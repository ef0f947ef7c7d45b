// mssql (tedious): ConnectionPool with tarn under `pool`, requestTimeout 0 = none, ADO connection strings.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';
import { tarnOptions } from './tarn.js';

export const mssql: LibraryDefinition = {
  id: 'mssql',
  title: 'mssql',
  packages: ['mssql'],
  referenceMajor: 11,
  kind: 'database-pool',
  database: 'mssql',
  sites: [
    { modules: ['mssql'], exportName: 'ConnectionPool', call: 'new', optionsArg: 0, urlArg: 0, construct: 'new sql.ConnectionPool' },
    { modules: ['mssql'], exportName: 'connect', call: 'call', optionsArg: 0, urlArg: 0, construct: 'sql.connect' },
  ],
  options: [
    ...tarnOptions('pool.', { min: 0, max: 10 }).map((spec) => (spec.key === 'pool.propagateCreateError' ? { ...spec, default: true } : spec)),
    option('connectionTimeout', 'ms', { aliases: ['timeout', 'options.connectTimeout'], default: 15_000, facet: 'connectTimeoutMs' }),
    // 0, negative or Infinity all become 0 = no request timeout.
    option('requestTimeout', 'ms', { aliases: ['options.requestTimeout'], default: 15_000, facet: 'statementTimeoutMs', zero: 'unbounded' }),
  ],
  unknownKeys: 'ignored',
  strictUnder: ['pool'],
  passThrough: ['server', 'port', 'user', 'password', 'database', 'domain', 'options', 'authentication', 'driver', 'stream', 'parseJSON', 'arrayRowMode', 'beforeConnect', 'pool.validate', 'pool.log'],
  urlSchemes: ['mssql', 'sqlserver'],
};
