// Table tests for idle-below-server (IDLE003).
import { idleBelowServer } from '../../../src/audit/rules/idle-below-server.js';
import { ruleTable } from './harness.js';

ruleTable(idleBelowServer, {
  valid: [
    { name: 'mysql2 with maxIdle below the limit and a 60 s idle timeout', pools: [{ library: 'mysql2', options: { connectionLimit: 10, maxIdle: 2, idleTimeout: 60_000 } }] },
    { name: 'mariadb with minimumIdle below the limit (default idle 1800 s)', pools: [{ library: 'mariadb', options: { connectionLimit: 10, minimumIdle: 0 } }] },
    { name: 'knex mysql with min 0 (tarn idle 30 s)', pools: [{ library: 'knex', options: { client: 'mysql2', pool: { min: 0, max: 10 } } }] },
    { name: 'knex mysql with min 2 but a 30 min lifetime', pools: [{ library: 'knex', options: { client: 'mysql2', pool: { min: 2, max: 10, maxConnectionLifetimeMillis: 1_800_000 } } }] },
    { name: 'sequelize mysql defaults (min 0, idle 10 s)', pools: [{ library: 'sequelize', options: { dialect: 'mysql' } }] },
    { name: 'knex pg is not MySQL', pools: [{ library: 'knex', options: { client: 'pg', pool: { min: 2 } } }] },
    { name: 'mysql2 maxIdle from env without fallback', pools: [{ library: 'mysql2', options: { idleTimeout: 60_000 }, unknown: ['maxIdle'] }] },
    { name: 'a server with a longer wait_timeout', pools: [{ library: 'mysql2', options: { connectionLimit: 10, maxIdle: 2, idleTimeout: 36_000_000 } }], ruleOptions: { serverIdleMs: 86_400_000 } },
  ],
  invalid: [
    {
      name: 'mysql2 defaults: maxIdle = connectionLimit, nothing is reaped',
      pools: [{ library: 'mysql2', options: { connectionLimit: 10 } }],
      errors: [{ messageId: 'neverClosed', data: { library: 'mysql2', option: 'maxIdle', fix: 'set maxIdle below connectionLimit', serverIdleMs: 28_800_000 } }],
    },
    { name: 'mariadb default minimumIdle', pools: [{ library: 'mariadb', options: { connectionLimit: 10 } }], errors: [{ messageId: 'neverClosed', data: { library: 'mariadb', option: 'minimumIdle' } }] },
    { name: 'mariadb idleTimeout 0 = never', pools: [{ library: 'mariadb', options: { connectionLimit: 10, minimumIdle: 2, idleTimeout: 0 } }], errors: [{ messageId: 'neverClosed', data: { option: 'idleTimeout', fix: 'set idleTimeout' } }] },
    { name: 'mariadb idleTimeout 36000 s ≥ 8 h', pools: [{ library: 'mariadb', options: { connectionLimit: 10, minimumIdle: 2, idleTimeout: 36_000 } }], errors: [{ messageId: 'aboveServer', data: { option: 'idleTimeout', ms: 36_000_000 } }] },
    { name: 'knex mysql default min 2', pools: [{ library: 'knex', options: { client: 'mysql2' } }], errors: [{ messageId: 'neverClosed', data: { library: 'knex (mysql)', option: 'pool.min', fix: 'set pool.min: 0' } }] },
    { name: 'sequelize mysql min 5', pools: [{ library: 'sequelize', options: { dialect: 'mariadb', pool: { min: 5, max: 10 } } }], errors: [{ messageId: 'neverClosed', data: { library: 'sequelize (mysql)', why: 'pool.min = 5 connections are never closed when idle' } }] },
    { name: 'a proxy that cuts idle sessions after 5 min', pools: [{ library: 'mariadb', options: { connectionLimit: 10, minimumIdle: 2 } }], ruleOptions: { serverIdleMs: 300_000 }, errors: [{ messageId: 'aboveServer', data: { ms: 1_800_000, serverIdleMs: 300_000 } }] },
  ],
});
