// Table tests for knex-min-zero (IDLE002).
import { knexMinZero } from '../../../src/audit/rules/knex-min-zero.js';
import { ruleTable } from './harness.js';

ruleTable(knexMinZero, {
  valid: [
    { name: 'pool.min 0', pools: [{ library: 'knex', options: { client: 'pg', pool: { min: 0, max: 10 } } }] },
    { name: 'sqlite is a file', pools: [{ library: 'knex', options: { client: 'sqlite3' } }] },
    { name: 'pool.min from an env var without fallback', pools: [{ library: 'knex', options: { client: 'pg' }, unknown: ['pool.min'] }] },
    { name: 'opaque pool object', pools: [{ library: 'knex', options: { client: 'pg' }, opaque: ['pool'] }] },
    { name: 'not knex', pools: [{ library: 'tarn', options: { min: 2, max: 4 } }] },
  ],
  invalid: [
    { name: 'default min 2', pools: [{ library: 'knex', options: { client: 'pg', pool: { max: 10 } } }], errors: [{ messageId: 'defaultMin', data: { library: 'knex (postgres)', value: '2' } }] },
    { name: 'min 5 written', pools: [{ library: 'knex', options: { client: 'mysql2', pool: { min: 5, max: 10 } } }], errors: [{ messageId: 'setMin', data: { library: 'knex (mysql)', option: 'pool.min', value: '5' } }] },
  ],
});
