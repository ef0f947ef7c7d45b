// Table tests for unit-sanity (UNIT001).
import { unitSanity } from '../../../src/audit/rules/unit-sanity.js';
import { ruleTable } from './harness.js';

ruleTable(unitSanity, {
  valid: [
    { name: 'pg maxLifetimeSeconds 1800', pools: [{ library: 'pg', options: { maxLifetimeSeconds: 1_800 } }] },
    { name: 'pg maxLifetimeSeconds 86400 (a day, not a multiple of 1000)', pools: [{ library: 'pg', options: { maxLifetimeSeconds: 86_400 } }] },
    { name: 'mariadb idleTimeout 600 s', pools: [{ library: 'mariadb', options: { idleTimeout: 600 } }] },
    { name: 'mysql2 idleTimeout 60000 is ms there', pools: [{ library: 'mysql2', options: { idleTimeout: 60_000 } }] },
    { name: 'node-cache stdTTL 3600', pools: [{ library: 'node-cache', options: { stdTTL: 3_600 } }] },
    { name: 'pg connectionTimeoutMillis 5000', pools: [{ library: 'pg', options: { connectionTimeoutMillis: 5_000 } }] },
    { name: 'defaults are never reported (mariadb idleTimeout 1800 s)', pools: [{ library: 'mariadb' }] },
    { name: 'value from env without fallback', pools: [{ library: 'pg', unknown: ['maxLifetimeSeconds'] }] },
    { name: '0 is a sentinel, not a unit slip', pools: [{ library: 'pg', options: { connectionTimeoutMillis: 0 } }] },
  ],
  invalid: [
    { name: 'mariadb idleTimeout 60000 (16.7 h)', pools: [{ library: 'mariadb', options: { idleTimeout: 60_000 } }], errors: [{ messageId: 'secondsLookLikeMs', data: { library: 'mariadb', option: 'idleTimeout', value: '60000', hours: 16.7, seconds: 60 } }] },
    { name: 'pg maxLifetimeSeconds 1800000', pools: [{ library: 'pg', options: { maxLifetimeSeconds: 1_800_000 } }], errors: [{ messageId: 'secondsLookLikeMs', data: { option: 'maxLifetimeSeconds', seconds: 1_800 } }] },
    { name: 'node-cache stdTTL 300000', pools: [{ library: 'node-cache', options: { stdTTL: 300_000 } }], errors: [{ messageId: 'secondsLookLikeMs', data: { library: 'node-cache', option: 'stdTTL', seconds: 300 } }] },
    {
      name: 'prisma URL pool_timeout=10000 (string param, seconds)',
      pools: [{ library: 'prisma', options: { datasourceUrl: 'postgresql://db/app?connection_limit=5&pool_timeout=10000' } }],
      errors: [{ messageId: 'secondsLookLikeMs', data: { option: 'pool_timeout (written as ?pool_timeout)', seconds: 10 } }],
    },
    { name: 'pg connectionTimeoutMillis 30 (meant seconds)', pools: [{ library: 'pg', options: { connectionTimeoutMillis: 30 } }], errors: [{ messageId: 'msLookLikeSeconds', data: { option: 'connectionTimeoutMillis', ms: 30_000 } }] },
    { name: 'mysql2 connectTimeout 10', pools: [{ library: 'mysql2', options: { connectTimeout: 10 } }], errors: [{ messageId: 'msLookLikeSeconds', data: { library: 'mysql2', ms: 10_000 } }] },
    { name: 'stricter minSuspectSeconds', pools: [{ library: 'pg', options: { maxLifetimeSeconds: 3_000 } }], ruleOptions: { minSuspectSeconds: 1_000, minMs: 100 }, errors: [{ messageId: 'secondsLookLikeMs', data: { seconds: 3 } }] },
  ],
});
