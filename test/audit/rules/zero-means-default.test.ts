// Table tests for zero-means-default (POOL003).
import { zeroMeansDefault } from '../../../src/audit/rules/zero-means-default.js';
import { ruleTable } from './harness.js';

ruleTable(zeroMeansDefault, {
  valid: [
    { name: 'pg positive max and idle timeout', pools: [{ library: 'pg', options: { max: 20, idleTimeoutMillis: 30_000 } }] },
    { name: 'pg defaults are not written zeros', pools: [{ library: 'pg' }] },
    { name: 'tarn positive timeouts', pools: [{ library: 'tarn', options: { min: 0, max: 5, acquireTimeoutMillis: 5_000 } }] },
    { name: 'knex pool.min 0 is a real 0 (no || default)', pools: [{ library: 'knex', options: { client: 'pg', pool: { min: 0, max: 10 } } }] },
    { name: 'max from an env var without fallback is unknown', pools: [{ library: 'pg', unknown: ['max'] }] },
    { name: 'mysql2 connectionLimit 0 is no-unlimited-sentinel\'s business', pools: [{ library: 'mysql2', options: { connectionLimit: 0 } }] },
    { name: 'pg connectionTimeoutMillis 0 is acquire-timeout\'s business', pools: [{ library: 'pg', options: { connectionTimeoutMillis: 0 } }] },
  ],
  invalid: [
    { name: 'pg max 0 becomes 10', pools: [{ library: 'pg', options: { max: 0 } }], errors: [{ messageId: 'becomesDefault', data: { library: 'pg', option: 'max', replacement: '10' } }] },
    { name: 'pg poolSize 0 (alias) becomes 10', pools: [{ library: 'pg', options: { poolSize: 0 } }], errors: [{ messageId: 'becomesDefault', data: { option: 'max (written as poolSize)' } }] },
    { name: 'generic-pool max 0 becomes 1', pools: [{ library: 'generic-pool', options: { max: 0 } }], errors: [{ messageId: 'becomesDefault', data: { library: 'generic-pool', replacement: '1' } }] },
    { name: 'pg idleTimeoutMillis 0 never reaps', pools: [{ library: 'pg', options: { max: 10, idleTimeoutMillis: 0 } }], errors: [{ messageId: 'never', data: { option: 'idleTimeoutMillis', value: '0' } }] },
    {
      name: 'knex pool timeouts of 0 throw in tarn',
      pools: [{ library: 'knex', options: { client: 'mysql2', pool: { acquireTimeoutMillis: 0, idleTimeoutMillis: 0 } } }],
      errors: [
        { messageId: 'throws', data: { library: 'knex (mysql)', option: 'pool.acquireTimeoutMillis' } },
        { messageId: 'throws', data: { option: 'pool.idleTimeoutMillis' } },
      ],
    },
    { name: 'tarn reapIntervalMillis 0 throws', pools: [{ library: 'tarn', options: { min: 0, max: 2, reapIntervalMillis: 0 } }], errors: [{ messageId: 'throws', data: { library: 'tarn', option: 'reapIntervalMillis' } }] },
    { name: 'mssql pool.createTimeoutMillis 0 throws', pools: [{ library: 'mssql', options: { pool: { max: 10, createTimeoutMillis: 0 } } }], errors: [{ messageId: 'throws', data: { library: 'mssql', option: 'pool.createTimeoutMillis' } }] },
  ],
});
