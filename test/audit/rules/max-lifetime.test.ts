// Table tests for max-lifetime (LIFE001).
import { maxLifetime } from '../../../src/audit/rules/max-lifetime.js';
import { ruleTable } from './harness.js';

ruleTable(maxLifetime, {
  valid: [
    { name: 'pg maxLifetimeSeconds set', pools: [{ library: 'pg', options: { max: 10, maxLifetimeSeconds: 1_800 } }] },
    { name: 'knex maxConnectionLifetimeMillis set', pools: [{ library: 'knex', options: { client: 'pg', pool: { maxConnectionLifetimeMillis: 1_800_000 } } }] },
    { name: 'prisma URL max_connection_lifetime', pools: [{ library: 'prisma', options: { datasourceUrl: 'postgresql://db/app?max_connection_lifetime=1800' } }] },
    { name: 'prisma 7 uses adapters: URL params are not its config', pools: [{ library: 'prisma', major: 7, options: { datasourceUrl: 'postgresql://db/app' } }] },
    { name: 'knex sqlite has no server limit', pools: [{ library: 'knex', options: { client: 'sqlite3' } }] },
    { name: 'mysql2 unsupported is opt-in', pools: [{ library: 'mysql2', options: { connectionLimit: 10 } }] },
    { name: 'maxLifetimeSeconds from env without fallback', pools: [{ library: 'pg', unknown: ['maxLifetimeSeconds'] }] },
    { name: 'within maxMs', pools: [{ library: 'pg', options: { maxLifetimeSeconds: 600 } }], ruleOptions: { maxMs: 900_000, reportUnsupported: false } },
  ],
  invalid: [
    { name: 'pg default: kept forever', pools: [{ library: 'pg', options: { max: 10 } }], errors: [{ messageId: 'missing', data: { library: 'pg', option: 'maxLifetimeSeconds' } }] },
    { name: 'pg maxLifetimeSeconds 0', pools: [{ library: 'pg', options: { maxLifetimeSeconds: 0 } }], errors: [{ messageId: 'disabled', data: { value: '0' } }] },
    { name: 'knex without lifetime', pools: [{ library: 'knex', options: { client: 'pg', pool: { min: 0, max: 10 } } }], errors: [{ messageId: 'missing', data: { library: 'knex (postgres)', option: 'pool.maxConnectionLifetimeMillis' } }] },
    { name: 'prisma 6 without max_connection_lifetime', pools: [{ library: 'prisma', options: { datasourceUrl: 'mysql://db/app?connection_limit=5' } }], errors: [{ messageId: 'missing', data: { library: 'prisma (mysql)', option: 'max_connection_lifetime' } }] },
    { name: 'longer than the declared maxMs (seconds converted)', pools: [{ library: 'pg', options: { maxLifetimeSeconds: 86_400 } }], ruleOptions: { maxMs: 3_600_000, reportUnsupported: false }, errors: [{ messageId: 'tooLong', data: { ms: 86_400_000, maxMs: 3_600_000 } }] },
    {
      name: 'reportUnsupported: mysql2, generic-pool and tarn',
      pools: [{ library: 'mysql2' }, { library: 'generic-pool' }, { library: 'tarn', options: { min: 0, max: 2 } }],
      ruleOptions: { reportUnsupported: true },
      errors: [{ messageId: 'unsupported', data: { library: 'mysql2' }, line: 1 }, { messageId: 'unsupported', data: { library: 'generic-pool' } }, { messageId: 'unsupported', data: { library: 'tarn' } }],
    },
  ],
});
