// Table tests for idle-timeout-effective (IDLE001).
import { idleTimeoutEffective } from '../../../src/audit/rules/idle-timeout-effective.js';
import { ruleTable } from './harness.js';

ruleTable(idleTimeoutEffective, {
  valid: [
    { name: 'generic-pool idle timeout with an eviction interval', pools: [{ library: 'generic-pool', options: { max: 5, idleTimeoutMillis: 30_000, evictionRunIntervalMillis: 10_000 } }] },
    { name: 'generic-pool defaults are not reported unless asked', pools: [{ library: 'generic-pool', options: { max: 5 } }] },
    { name: 'mysql2 idleTimeout with maxIdle below connectionLimit', pools: [{ library: 'mysql2', options: { connectionLimit: 10, maxIdle: 2, idleTimeout: 60_000 } }] },
    { name: 'mysql2 maxIdle from an env var: cannot tell', pools: [{ library: 'mysql2', options: { idleTimeout: 60_000 }, unknown: ['maxIdle'] }] },
    { name: 'mariadb idleTimeout with minimumIdle below the limit', pools: [{ library: 'mariadb', options: { connectionLimit: 10, minimumIdle: 2, idleTimeout: 600 } }] },
    { name: 'mariadb idleTimeout 0 means never, on purpose', pools: [{ library: 'mariadb', options: { idleTimeout: 0 } }] },
    { name: 'knex idle timeout with min 0', pools: [{ library: 'knex', options: { client: 'pg', pool: { min: 0, max: 10, idleTimeoutMillis: 30_000 } } }] },
    { name: 'idle timeout from an env var without fallback', pools: [{ library: 'generic-pool', unknown: ['idleTimeoutMillis'] }] },
    { name: 'evictionRunIntervalMillis unknown', pools: [{ library: 'generic-pool', options: { idleTimeoutMillis: 1_000 }, unknown: ['evictionRunIntervalMillis'] }] },
  ],
  invalid: [
    {
      name: 'generic-pool idleTimeoutMillis without evictionRunIntervalMillis',
      pools: [{ library: 'generic-pool', options: { max: 5, idleTimeoutMillis: 30_000 } }],
      errors: [{ messageId: 'needsEviction', data: { library: 'generic-pool', option: 'idleTimeoutMillis', fix: 'evictionRunIntervalMillis' } }],
    },
    { name: 'generic-pool evictionRunIntervalMillis 0', pools: [{ library: 'generic-pool', options: { idleTimeoutMillis: 5_000, evictionRunIntervalMillis: 0 } }], errors: [{ messageId: 'needsEviction' }] },
    { name: 'mysql2 idleTimeout with maxIdle defaulting to connectionLimit', pools: [{ library: 'mysql2', options: { connectionLimit: 10, idleTimeout: 60_000 } }], errors: [{ messageId: 'needsMaxIdle', data: { option: 'idleTimeout', fix: 'maxIdle' } }] },
    { name: 'mysql2 maxIdle equal to connectionLimit', pools: [{ library: 'mysql2', options: { connectionLimit: 10, maxIdle: 10, idleTimeout: 60_000 } }], errors: [{ messageId: 'needsMaxIdle' }] },
    { name: 'mariadb idleTimeout without minimumIdle', pools: [{ library: 'mariadb', options: { connectionLimit: 10, idleTimeout: 600 } }], errors: [{ messageId: 'needsMinimumIdle', data: { library: 'mariadb', fix: 'minimumIdle' } }] },
    {
      name: 'knex fixed pool (min = max) with an idle timeout',
      pools: [{ library: 'knex', options: { client: 'mysql2', pool: { min: 10, max: 10, idleTimeoutMillis: 30_000 } } }],
      errors: [{ messageId: 'fixedPool', data: { library: 'knex (mysql)', option: 'pool.idleTimeoutMillis', fix: 'pool.min' } }],
    },
    { name: 'reportDefaults: mysql2 default idleTimeout is inert', pools: [{ library: 'mysql2' }], ruleOptions: { reportDefaults: true }, errors: [{ messageId: 'needsMaxIdle', data: { value: '60000' } }] },
    { name: 'reportDefaults: generic-pool default idle 30 s is inert', pools: [{ library: 'generic-pool', options: { max: 2 } }], ruleOptions: { reportDefaults: true }, errors: [{ messageId: 'needsEviction' }] },
  ],
});
