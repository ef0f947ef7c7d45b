// Table tests for connect-timeout (TIME001).
import { connectTimeout } from '../../../src/audit/rules/connect-timeout.js';
import { ruleTable } from './harness.js';

ruleTable(connectTimeout, {
  valid: [
    { name: 'mysql2 default connectTimeout 10 s', pools: [{ library: 'mysql2' }] },
    { name: 'ioredis default 10 s', pools: [{ library: 'ioredis' }] },
    { name: 'node-redis default 5 s', pools: [{ library: 'node-redis' }] },
    { name: 'ws client with handshakeTimeout', pools: [{ library: 'ws', options: { handshakeTimeout: 5_000 }, context: { role: 'client' } }] },
    { name: 'ws server has no handshake timeout option', pools: [{ library: 'ws', options: { port: 8080 } }] },
    { name: 'pg URL connect_timeout but connectionTimeoutMillis set', pools: [{ library: 'pg', options: { connectionString: 'postgres://db/app?connect_timeout=5', connectionTimeoutMillis: 5_000 } }] },
    { name: 'pg without URL param (acquire-timeout covers the missing option)', pools: [{ library: 'pg', options: { connectionString: 'postgres://db/app' } }] },
    { name: 'mongodb connectTimeoutMS from env without fallback', pools: [{ library: 'mongodb', unknown: ['connectTimeoutMS'] }] },
    { name: 'prisma connect_timeout default 5 s (v6)', pools: [{ library: 'prisma', options: { datasourceUrl: 'postgresql://db/app?connection_limit=5' } }] },
    { name: 'raised maxMs', pools: [{ library: 'mssql', options: { connectionTimeout: 90_000 } }], ruleOptions: { maxMs: 120_000 } },
  ],
  invalid: [
    { name: 'ws client without handshakeTimeout', pools: [{ library: 'ws', context: { role: 'client' } }], errors: [{ messageId: 'missing', data: { library: 'ws', option: 'handshakeTimeout' } }] },
    {
      name: 'pg connect_timeout in the URL only',
      pools: [{ library: 'pg', options: { connectionString: 'postgres://app:pw@db/app?connect_timeout=5' } }],
      errors: [{ messageId: 'urlIgnored', data: { param: 'connect_timeout' } }],
    },
    {
      name: 'prisma connect_timeout=0 disables it',
      pools: [{ library: 'prisma', options: { datasourceUrl: 'postgresql://db/app?connect_timeout=0' } }],
      errors: [{ messageId: 'disabled', data: { library: 'prisma (postgres)', option: 'connect_timeout (written as ?connect_timeout)' } }],
    },
    { name: 'mongodb connectTimeoutMS 5 minutes', pools: [{ library: 'mongodb', options: { connectTimeoutMS: 300_000 } }], errors: [{ messageId: 'tooLong', data: { option: 'connectTimeoutMS', ms: 300_000, maxMs: 60_000 } }] },
    { name: 'knex pool.createTimeoutMillis 2 minutes', pools: [{ library: 'knex', options: { client: 'pg', pool: { createTimeoutMillis: 120_000 } } }], errors: [{ messageId: 'tooLong', data: { library: 'knex (postgres)', option: 'pool.createTimeoutMillis' } }] },
    { name: 'stricter maxMs catches the mongodb default 30 s', pools: [{ library: 'mongodb' }], ruleOptions: { maxMs: 10_000 }, errors: [{ messageId: 'tooLong', data: { ms: 30_000, maxMs: 10_000 } }] },
  ],
});
