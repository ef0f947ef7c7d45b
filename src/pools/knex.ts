// knex 3: pool options under `pool` (tarn), the top-level acquireConnectionTimeout, min 2 / max 10 defaults.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';
import type { Database, FacetValue, RawSite } from './model.js';
import { tarnOptions } from './tarn.js';

/** lib/client.js getPoolSettings: 60000 ms when neither acquire timeout is set. */
const KNEX_DEFAULT_ACQUIRE_MS = 60_000;
const KNEX_CLIENT_DATABASE: Record<string, Database> = {
  pg: 'postgres', postgres: 'postgres', postgresql: 'postgres', 'pg-native': 'postgres', pgnative: 'postgres', cockroachdb: 'postgres',
  mysql: 'mysql', mysql2: 'mysql', mssql: 'mssql', tedious: 'mssql', sqlite3: 'sqlite', 'better-sqlite3': 'sqlite', oracledb: 'other',
};

export function knexDatabase(site: RawSite): Database | undefined {
  const client = site.options.get('client')?.value;
  return typeof client === 'string' ? KNEX_CLIENT_DATABASE[client] : undefined;
}

export const knex: LibraryDefinition = {
  id: 'knex',
  title: 'knex',
  packages: ['knex'],
  referenceMajor: 3,
  kind: 'database-pool',
  database: knexDatabase,
  sites: [
    { modules: ['knex'], exportName: 'default', call: 'call', optionsArg: 0, construct: 'knex' },
    { modules: ['knex'], exportName: 'knex', call: 'call', optionsArg: 0, construct: 'knex' },
  ],
  options: [
    option('client', 'string'),
    ...tarnOptions('pool.', { min: 2, max: 10 }).map((spec) =>
      // knex overrides tarn: propagateCreateError true ("never set it to false", knex#3362); acquire derived below.
      spec.key === 'pool.propagateCreateError' ? { ...spec, default: true } : spec.key === 'pool.acquireTimeoutMillis' ? { ...spec, default: undefined, facet: undefined } : spec,
    ),
    option('acquireConnectionTimeout', 'ms'),
    option('pool.maxConnectionLifetimeMillis', 'ms', { facet: 'maxLifetimeMs' }),
    option('pool.maxConnectionLifetimeJitterMillis', 'ms'),
    // The connection (object, URL or env var): declared so an unresolved URL reads as unknown, not as "no params".
    option('connection', 'string'),
    // pg Client startup parameters under `connection` (or its URL) still apply through knex (pg-idle-in-transaction).
    option('connection.idle_in_transaction_session_timeout', 'ms', { zero: 'unbounded', urlParams: ['idle_in_transaction_session_timeout'] }),
  ],
  // knex ignores unknown top-level keys, but hands `pool` to tarn, which throws on any key it does not know.
  unknownKeys: 'ignored',
  strictUnder: ['pool'],
  passThrough: ['connection', 'migrations', 'seeds', 'debug', 'useNullAsDefault', 'searchPath', 'version', 'log', 'asyncStackTraces', 'wrapIdentifier', 'postProcessResponse', 'pool.afterCreate', 'pool.log', 'pool.validate', 'compileSqlOnError', 'fetchAsString', 'useNullAsDefault'],
  configHint: { discriminator: { key: 'client', values: Object.keys(KNEX_CLIENT_DATABASE) } },
  deriveFacets: (options) => {
    // The effective acquire wait is the smaller of whichever of the two is set (getPoolSettings).
    const candidates = [options['acquireConnectionTimeout'], options['pool.acquireTimeoutMillis']];
    const unknown = candidates.find((value) => value?.origin === 'unknown');
    const set = candidates.filter((value) => value?.origin === 'set' && typeof value.value === 'number');
    const acquire: FacetValue = unknown
      ? { origin: 'unknown', option: 'acquireConnectionTimeout', position: unknown.position }
      : set.length > 0
        ? { origin: 'set', option: 'acquireConnectionTimeout', value: Math.min(...set.map((value) => Number(value.value))), position: set[0].position }
        : { origin: 'default', option: 'acquireConnectionTimeout', value: KNEX_DEFAULT_ACQUIRE_MS };
    return { acquireTimeoutMs: acquire };
  },
};
