// TypeORM DataSource: poolSize and connectTimeoutMS are mapped onto the driver's pool; `extra.*` wins over both.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';
import type { Database, FacetValue, OptionValue, RawSite } from './model.js';

const TYPE_DATABASE: Record<string, Database> = {
  postgres: 'postgres', cockroachdb: 'postgres', aurora_postgres: 'postgres', mysql: 'mysql', mariadb: 'mysql', aurora_mysql: 'mysql', mssql: 'mssql', mongodb: 'mongodb', sqlite: 'sqlite', 'better-sqlite3': 'sqlite',
};

function typeormDatabase(site: RawSite): Database | undefined {
  const type = site.options.get('type')?.value;
  return typeof type === 'string' ? TYPE_DATABASE[type] : undefined;
}

/** `extra` is Object.assign'ed last, so a value there beats the typed option (TypeORM PostgresDriver/MysqlDriver). */
function winner(extra: OptionValue | undefined, typed: OptionValue | undefined): OptionValue | undefined {
  return extra && extra.origin !== 'default' ? extra : typed;
}

function facet(value: OptionValue | undefined, option: string, fallback: number): FacetValue {
  if (!value || value.origin === 'unknown') return { origin: 'unknown', option, position: value?.position };
  const number = value.value === undefined || value.value === null || value.value === 0 ? fallback : Number(value.value);
  return { origin: value.origin, option, value: number, position: value.position };
}

export const typeorm: LibraryDefinition = {
  id: 'typeorm',
  title: 'TypeORM',
  packages: ['typeorm'],
  referenceMajor: 0,
  kind: 'database-pool',
  database: typeormDatabase,
  sites: [{ modules: ['typeorm'], exportName: 'DataSource', call: 'new', optionsArg: 0, construct: 'new DataSource' }],
  options: [
    option('type', 'enum'),
    option('url', 'string'),
    option('poolSize', 'count'),
    option('connectTimeoutMS', 'ms'),
    // Forwarded to mysql drivers only when set; mysql2 ignores it (node-mysql2#673).
    option('acquireTimeout', 'ms'),
    option('maxQueryExecutionTime', 'ms'),
    option('extra.max', 'count'),
    option('extra.connectionLimit', 'count'),
    option('extra.connectionTimeoutMillis', 'ms'),
    option('extra.idleTimeoutMillis', 'ms'),
    option('extra.maxLifetimeSeconds', 's'),
    option('extra.statement_timeout', 'ms'),
    option('extra.idle_in_transaction_session_timeout', 'ms'),
    option('extra.queueLimit', 'count'),
    option('pool.max', 'count'),
  ],
  unknownKeys: 'ignored',
  passThrough: ['host', 'port', 'username', 'password', 'database', 'entities', 'migrations', 'subscribers', 'synchronize', 'logging', 'logger', 'ssl', 'extra', 'pool', 'schema', 'name', 'namingStrategy', 'migrationsRun', 'migrationsTableName', 'dropSchema', 'cache', 'entityPrefix', 'options', 'replication', 'applicationName', 'uuidExtension', 'installExtensions', 'charset', 'timezone', 'metadataTableName', 'useUTC', 'poolErrorHandler', 'parseInt8', 'connectorPackage', 'driver', 'authentication', 'domain', 'requestTimeout', 'connectionTimeout'],
  configHint: { discriminator: { key: 'type', values: Object.keys(TYPE_DATABASE) }, signatureKeys: ['entities', 'synchronize', 'poolSize', 'migrationsRun'] },
  deriveFacets: (options, _major) => {
    // pg: max = extra.max ?? poolSize ?? 10 and connectionTimeoutMillis = extra ?? connectTimeoutMS (unset = forever).
    const type = options['type']?.value;
    const isMysql = type === 'mysql' || type === 'mariadb' || type === 'aurora_mysql';
    const size = winner(isMysql ? options['extra.connectionLimit'] : options['extra.max'], options['poolSize']);
    const result: Partial<Record<'maxSize' | 'acquireTimeoutMs', FacetValue>> = {
      maxSize: facet(size, size === options['poolSize'] ? 'poolSize' : isMysql ? 'extra.connectionLimit' : 'extra.max', 10),
    };
    if (!isMysql) {
      const timeout = winner(options['extra.connectionTimeoutMillis'], options['connectTimeoutMS']);
      result.acquireTimeoutMs = facet(timeout, timeout === options['connectTimeoutMS'] ? 'connectTimeoutMS' : 'extra.connectionTimeoutMillis', Infinity);
    } else {
      result.acquireTimeoutMs = { origin: 'default', option: 'acquireTimeout', value: Infinity };
    }
    return result;
  },
};
