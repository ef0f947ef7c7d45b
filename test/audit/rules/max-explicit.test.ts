// Table tests for max-explicit (POOL001).
import { maxExplicit } from '../../../src/audit/rules/max-explicit.js';
import { ruleTable } from './harness.js';

ruleTable(maxExplicit, {
  valid: [
    { name: 'pg max set', pools: [{ library: 'pg', options: { max: 20 } }] },
    { name: 'pg poolSize alias counts', pools: [{ library: 'pg', options: { poolSize: 20 } }] },
    { name: 'size from an env var is set somewhere', pools: [{ library: 'mysql2', unknown: ['connectionLimit'] }] },
    { name: 'knex pool.max set', pools: [{ library: 'knex', options: { client: 'mysql2', pool: { min: 0, max: 7 } } }] },
    { name: 'typeorm extra.max wins', pools: [{ library: 'typeorm', options: { type: 'postgres', extra: { max: 4 } } }] },
    { name: 'caches and agents are other rules\' business', pools: [{ library: 'http-agent' }, { library: 'lru-cache', options: { ttl: 1 } }] },
  ],
  invalid: [
    { name: 'pg default 10', pools: [{ library: 'pg' }], errors: [{ messageId: 'implicit', data: { library: 'pg', option: 'max', value: '10' } }] },
    { name: 'generic-pool default 1', pools: [{ library: 'generic-pool' }], errors: [{ messageId: 'implicit', data: { value: '1' } }] },
    { name: 'sequelize default 5', pools: [{ library: 'sequelize', options: { dialect: 'postgres' } }], errors: [{ messageId: 'implicit', data: { library: 'sequelize (postgres)', option: 'pool.max', value: '5' } }] },
    { name: 'mongodb default 100', pools: [{ library: 'mongodb' }], errors: [{ messageId: 'implicit', data: { option: 'maxPoolSize', value: '100' } }] },
    { name: 'typeorm default', pools: [{ library: 'typeorm', options: { type: 'postgres' } }], errors: [{ messageId: 'implicit', data: { option: 'poolSize', value: '10' } }] },
  ],
});
