// Table tests for pg-idle-in-transaction (TIME003).
import { pgIdleInTransaction } from '../../../src/audit/rules/pg-idle-in-transaction.js';
import { ruleTable } from './harness.js';

ruleTable(pgIdleInTransaction, {
  valid: [
    { name: 'pg option set', pools: [{ library: 'pg', options: { idle_in_transaction_session_timeout: 60_000 } }] },
    { name: 'pg URL param', pools: [{ library: 'pg', options: { connectionString: 'postgres://db/app?idle_in_transaction_session_timeout=60000' } }] },
    { name: 'knex pg connection object', pools: [{ library: 'knex', options: { client: 'pg', connection: { host: 'db', idle_in_transaction_session_timeout: 60_000 } } }] },
    { name: 'knex pg connection URL', pools: [{ library: 'knex', options: { client: 'pg', connection: 'postgres://db/app?idle_in_transaction_session_timeout=60000' } }] },
    { name: 'typeorm postgres extra', pools: [{ library: 'typeorm', options: { type: 'postgres', extra: { idle_in_transaction_session_timeout: 60_000 } } }] },
    { name: 'knex mysql is not postgres', pools: [{ library: 'knex', options: { client: 'mysql2' } }] },
    { name: 'typeorm mysql is not postgres', pools: [{ library: 'typeorm', options: { type: 'mysql' } }] },
    { name: 'pg value from an env var without fallback', pools: [{ library: 'pg', unknown: ['idle_in_transaction_session_timeout'] }] },
    { name: 'knex connection URL from an env var may carry the param', pools: [{ library: 'knex', options: { client: 'pg' }, unknown: ['connection'] }] },
    { name: 'knex connection from a variable (opaque)', pools: [{ library: 'knex', options: { client: 'pg' }, opaque: ['connection'] }] },
  ],
  invalid: [
    { name: 'pg default', pools: [{ library: 'pg', options: { max: 10 } }], errors: [{ messageId: 'missing', data: { library: 'pg', option: 'idle_in_transaction_session_timeout' } }] },
    { name: 'pg 0 turns it off', pools: [{ library: 'pg', options: { idle_in_transaction_session_timeout: 0 } }], errors: [{ messageId: 'disabled', data: { value: '0' } }] },
    { name: 'knex pg without it', pools: [{ library: 'knex', options: { client: 'pg', connection: { host: 'db' } } }], errors: [{ messageId: 'missing', data: { library: 'knex (postgres)', option: 'connection.idle_in_transaction_session_timeout' } }] },
    { name: 'typeorm postgres without it', pools: [{ library: 'typeorm', options: { type: 'postgres', poolSize: 5 } }], errors: [{ messageId: 'missing', data: { library: 'typeorm (postgres)', option: 'extra.idle_in_transaction_session_timeout' } }] },
    { name: 'typeorm extra 0', pools: [{ library: 'typeorm', options: { type: 'postgres', extra: { idle_in_transaction_session_timeout: 0 } } }], errors: [{ messageId: 'disabled', data: { value: '0' } }] },
  ],
});
