// Table tests for acquire-timeout (WAIT001).
import { acquireTimeout } from '../../../src/audit/rules/acquire-timeout.js';
import { ruleTable } from './harness.js';

ruleTable(acquireTimeout, {
  valid: [
    { name: 'pg with connectionTimeoutMillis', pools: [{ library: 'pg', options: { max: 10, connectionTimeoutMillis: 5000 } }] },
    { name: 'generic-pool with acquireTimeoutMillis', pools: [{ library: 'generic-pool', options: { max: 5, acquireTimeoutMillis: 3000 } }] },
    { name: 'sequelize default acquire (60 s) is bounded', pools: [{ library: 'sequelize', options: { pool: { max: 5 } } }] },
    { name: 'knex default 60 s is bounded', pools: [{ library: 'knex', options: { client: 'pg' } }] },
    { name: 'value from an env var without fallback is unknown, never guessed', pools: [{ library: 'pg', unknown: ['connectionTimeoutMillis'] }] },
    { name: 'opaque spread may set it', pools: [{ library: 'pg', opaque: [''] }] },
    { name: 'mysql2 is out of scope (no such option; mysql-unboundable-wait covers it)', pools: [{ library: 'mysql2' }] },
    { name: 'raised maxMs option', pools: [{ library: 'mongodb', options: { waitQueueTimeoutMS: 90_000 } }], ruleOptions: { maxMs: 120_000 } },
  ],
  invalid: [
    { name: 'pg default waits forever', pools: [{ library: 'pg', options: { max: 10 } }], errors: [{ messageId: 'waitsForever', data: { library: 'pg', option: 'connectionTimeoutMillis' } }] },
    { name: 'pg 0 disables', pools: [{ library: 'pg', options: { connectionTimeoutMillis: 0 } }], errors: [{ messageId: 'disabled', data: { option: 'connectionTimeoutMillis', value: '0' } }] },
    { name: 'mongodb default waitQueueTimeoutMS 0', pools: [{ library: 'mongodb' }], errors: [{ messageId: 'waitsForever', data: { library: 'mongodb', option: 'waitQueueTimeoutMS' } }] },
    { name: 'generic-pool default', pools: [{ library: 'generic-pool', options: { max: 5 } }], errors: [{ messageId: 'waitsForever', data: { option: 'acquireTimeoutMillis' } }] },
    { name: 'typeorm postgres without connectTimeoutMS', pools: [{ library: 'typeorm', options: { type: 'postgres', poolSize: 5 } }], errors: [{ messageId: 'waitsForever', data: { library: 'typeorm (postgres)', option: 'connectTimeoutMS' } }] },
    { name: 'typeorm extra wins over connectTimeoutMS', pools: [{ library: 'typeorm', options: { type: 'postgres', connectTimeoutMS: 1000, extra: { connectionTimeoutMillis: 0 } } }], errors: [{ messageId: 'disabled', data: { option: 'extra.connectionTimeoutMillis' } }] },
    { name: 'knex: the smaller of the two timeouts applies, and it is still too long', pools: [{ library: 'knex', options: { client: 'pg', acquireConnectionTimeout: 300_000, pool: { acquireTimeoutMillis: 120_000 } } }], errors: [{ messageId: 'tooLong', data: { value: 120_000, maxMs: 60_000 } }] },
    { name: 'prisma pool_timeout=0', pools: [{ library: 'prisma', options: { datasourceUrl: 'postgresql://db/app?connection_limit=5&pool_timeout=0' } }], errors: [{ messageId: 'disabled', data: { option: 'pool_timeout (written as ?pool_timeout)' } }] },
  ],
});
