// Table tests for knex-propagate-create-error (knex#3362).
import { knexPropagateCreateError } from '../../../src/audit/rules/knex-propagate-create-error.js';
import { ruleTable } from './harness.js';

ruleTable(knexPropagateCreateError, {
  valid: [
    { name: 'default true', pools: [{ library: 'knex', options: { client: 'pg' } }] },
    { name: 'true written', pools: [{ library: 'knex', options: { client: 'pg', pool: { propagateCreateError: true } } }] },
    { name: 'from an env var without fallback', pools: [{ library: 'knex', options: { client: 'pg' }, unknown: ['pool.propagateCreateError'] }] },
    { name: 'tarn on its own defaults to false and is not knex', pools: [{ library: 'tarn', options: { min: 0, max: 2, propagateCreateError: false } }] },
  ],
  invalid: [
    { name: 'false written', pools: [{ library: 'knex', options: { client: 'pg', pool: { propagateCreateError: false } } }], errors: [{ messageId: 'swallowed', data: { library: 'knex (postgres)', option: 'pool.propagateCreateError', value: 'false' } }] },
  ],
});
