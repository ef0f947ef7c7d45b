// Table tests for dead-keys (KEY001).
import { deadKeys } from '../../../src/audit/rules/dead-keys.js';
import { ruleTable } from './harness.js';

ruleTable(deadKeys, {
  valid: [
    { name: 'known options and pass-through keys', pools: [{ library: 'pg', options: { host: 'db', max: 5, connectionTimeoutMillis: 1000 } }] },
    { name: 'knex pool with tarn keys only', pools: [{ library: 'knex', options: { client: 'pg', connection: { host: 'x' }, pool: { min: 0, max: 5, afterCreate: 'fn' } } }] },
    { name: 'pg URL params the Client reads', pools: [{ library: 'pg', options: { connectionString: 'postgres://db/app?statement_timeout=5000&sslmode=require' } }] },
    { name: 'short unknown names are not guessed as typos', pools: [{ library: 'pg', options: { foo: 1 } }] },
  ],
  invalid: [
    { name: 'ioredis offlineQueue', pools: [{ library: 'ioredis', options: { offlineQueue: false } }], errors: [{ messageId: 'renamed', data: { key: 'offlineQueue', replacement: 'enableOfflineQueue' } }] },
    { name: 'generic-pool numTestsPerRun', pools: [{ library: 'generic-pool', options: { max: 2, numTestsPerRun: 5 } }], errors: [{ messageId: 'renamed', data: { replacement: 'numTestsPerEvictionRun' } }] },
    { name: 'generic-pool keys in knex pool throw', pools: [{ library: 'knex', options: { client: 'pg', pool: { max: 5, maxWaitingClients: 10 } } }], errors: [{ messageId: 'throws', data: { key: 'pool.maxWaitingClients' } }] },
    { name: 'undici legacy names throw', pools: [{ library: 'undici', options: { keepAlive: true } }], errors: [{ messageId: 'throws', data: { key: 'keepAlive' } }] },
    { name: 'mongodb poolSize throws', pools: [{ library: 'mongodb', options: { poolSize: 10 } }], errors: [{ messageId: 'throws', data: { key: 'poolSize' } }] },
    { name: 'typo', pools: [{ library: 'pg', options: { conectionTimeoutMillis: 1000 } }], errors: [{ messageId: 'typo', data: { key: 'conectionTimeoutMillis', replacement: 'connectionTimeoutMillis' } }] },
    { name: 'pg pool params in the URL', pools: [{ library: 'pg', options: { connectionString: 'postgres://u:secret@db/app?max=50&idleTimeoutMillis=1000' } }], errors: [{ messageId: 'urlPoolParam', data: { key: 'max' } }, { messageId: 'urlPoolParam', data: { key: 'idleTimeoutMillis' } }] },
  ],
});
