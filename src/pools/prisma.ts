// Prisma Client: ≤ 6 sizes its pool from datasource URL params (CPU-dependent default); 7 uses driver adapters.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';
import type { Database, RawSite } from './model.js';

const SCHEME_DATABASE: Record<string, Database> = { postgres: 'postgres', postgresql: 'postgres', mysql: 'mysql', sqlserver: 'mssql', mongodb: 'mongodb', 'mongodb+srv': 'mongodb', file: 'sqlite' };

function prismaDatabase(site: RawSite): Database | undefined {
  const scheme = site.url?.text.split(':')[0].toLowerCase();
  return scheme ? SCHEME_DATABASE[scheme] : undefined;
}

/** v7 dropped the Rust engine's URL pool params in favour of driver adapters (PrismaPg, PrismaMariaDb …). */
const FIRST_ADAPTER_MAJOR = 7;

export const prisma: LibraryDefinition = {
  id: 'prisma',
  title: 'Prisma Client',
  packages: ['@prisma/client', 'prisma'],
  referenceMajor: 6,
  kind: 'database-pool',
  database: prismaDatabase,
  sites: [{ modules: ['@prisma/client'], exportName: 'PrismaClient', call: 'new', optionsArg: 0, construct: 'new PrismaClient' }],
  options: [
    option('datasourceUrl', 'string', { aliases: ['datasources.db.url'] }),
    option('adapter', 'string'),
    // num_cpus::get_physical() * 2 + 1 per PrismaClient per process: not knowable from the repository (quaint pooled.rs).
    option('connection_limit', 'count', { urlParams: ['connection_limit', 'connectionLimit'], facet: 'maxSize' }),
    option('pool_timeout', 's', { default: (major) => (major < FIRST_ADAPTER_MAJOR ? 10 : undefined), facet: 'acquireTimeoutMs', zero: 'unbounded', urlParams: ['pool_timeout', 'poolTimeout'] }),
    option('connect_timeout', 's', { default: (major) => (major < FIRST_ADAPTER_MAJOR ? 5 : undefined), facet: 'connectTimeoutMs', zero: 'unbounded', urlParams: ['connect_timeout', 'connectTimeout'] }),
    option('socket_timeout', 's', { facet: 'statementTimeoutMs', urlParams: ['socket_timeout', 'socketTimeout'] }),
    option('max_connection_lifetime', 's', { facet: 'maxLifetimeMs', zero: 'unbounded', urlParams: ['max_connection_lifetime'] }),
    option('max_idle_connection_lifetime', 's', { default: (major) => (major < FIRST_ADAPTER_MAJOR ? 300 : undefined), facet: 'idleTimeoutMs', urlParams: ['max_idle_connection_lifetime'] }),
    option('pgbouncer', 'bool', { default: false, urlParams: ['pgbouncer'] }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['log', 'errorFormat', 'transactionOptions', 'omit', 'datasources', 'accelerateUrl'],
  urlSchemes: [],
  deriveFacets: (options) => {
    // The unset default is CPU-dependent, so the size is genuinely unknown, not a default we can state.
    const limit = options['connection_limit'];
    if (limit?.origin === 'default') return { maxSize: { origin: 'unknown', option: 'connection_limit' } };
    return {};
  },
};

export { prismaDatabase };
