// Sequelize 6: short pool names (max/min/idle/acquire/evict) mapped onto sequelize-pool; replication doubles pools.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';
import type { Database, RawSite } from './model.js';

const DIALECT_DATABASE: Record<string, Database> = {
  postgres: 'postgres', mysql: 'mysql', mariadb: 'mysql', mssql: 'mssql', sqlite: 'sqlite', db2: 'other', snowflake: 'other', oracle: 'other',
};

function sequelizeDatabase(site: RawSite): Database | undefined {
  const dialect = site.options.get('dialect')?.value;
  if (typeof dialect === 'string') return DIALECT_DATABASE[dialect];
  const scheme = site.url?.text.split(':')[0];
  return scheme ? DIALECT_DATABASE[scheme === 'postgresql' ? 'postgres' : scheme] : undefined;
}

export const sequelize: LibraryDefinition = {
  id: 'sequelize',
  title: 'Sequelize',
  packages: ['sequelize'],
  referenceMajor: 6,
  kind: 'database-pool',
  database: sequelizeDatabase,
  sites: [
    // new Sequelize(db, user, pass, opts) | new Sequelize(uri, opts) | new Sequelize(opts): options are the last argument.
    { modules: ['sequelize', '@sequelize/core', 'sequelize-typescript'], exportName: 'Sequelize', call: 'new', optionsArg: 'last', urlArg: 0, construct: 'new Sequelize' },
    { modules: ['sequelize'], exportName: 'default', call: 'new', optionsArg: 'last', urlArg: 0, construct: 'new Sequelize' },
  ],
  options: [
    option('dialect', 'enum'),
    option('pool.max', 'count', { default: 5, facet: 'maxSize' }),
    option('pool.min', 'count', { default: 0, facet: 'minSize' }),
    option('pool.idle', 'ms', { default: 10_000, facet: 'idleTimeoutMs' }),
    option('pool.acquire', 'ms', { default: 60_000, facet: 'acquireTimeoutMs' }),
    option('pool.evict', 'ms', { default: 1_000 }),
    option('pool.maxUses', 'count', { default: Infinity }),
    option('replication', 'string'),
  ],
  unknownKeys: 'ignored',
  passThrough: ['host', 'port', 'username', 'password', 'database', 'logging', 'dialectOptions', 'define', 'timezone', 'storage', 'benchmark', 'retry', 'replication', 'pool.validate', 'models', 'schema', 'native', 'ssl', 'query', 'hooks', 'typeValidation', 'transactionType', 'isolationLevel', 'minifyAliases', 'logQueryParameters', 'omitNull', 'quoteIdentifiers', 'sync', 'set', 'standardConformingStrings', 'dialectModule', 'dialectModulePath', 'protocol'],
  configHint: { discriminator: { key: 'dialect', values: Object.keys(DIALECT_DATABASE) } },
};
