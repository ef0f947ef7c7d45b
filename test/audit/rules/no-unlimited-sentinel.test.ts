// Table tests for no-unlimited-sentinel (POOL002).
import { noUnlimitedSentinel } from '../../../src/audit/rules/no-unlimited-sentinel.js';
import { ruleTable } from './harness.js';

ruleTable(noUnlimitedSentinel, {
  valid: [
    { name: 'mysql2 with a finite connectionLimit', pools: [{ library: 'mysql2', options: { connectionLimit: 20 } }] },
    { name: 'mysql2 default (10) is not a sentinel written by the user', pools: [{ library: 'mysql2' }] },
    { name: 'mongodb maxPoolSize 50', pools: [{ library: 'mongodb', options: { maxPoolSize: 50 } }] },
    { name: 'undici connections set', pools: [{ library: 'undici', options: { connections: 64 } }] },
    { name: 'undici default is undici-bounded\'s business, not a written sentinel', pools: [{ library: 'undici' }] },
    { name: 'http.Agent Infinity is http-agent-bounded\'s business', pools: [{ library: 'http-agent', options: { maxSockets: Infinity, maxTotalSockets: 200 } }] },
    { name: 'connectionLimit from an env var without fallback is unknown', pools: [{ library: 'mysql2', unknown: ['connectionLimit'] }] },
    { name: 'pg max: 0 is zero-means-default, not unlimited', pools: [{ library: 'pg', options: { max: 0 } }] },
  ],
  invalid: [
    { name: 'mysql2 connectionLimit 0', pools: [{ library: 'mysql2', options: { connectionLimit: 0 } }], errors: [{ messageId: 'unlimited', data: { library: 'mysql2', option: 'connectionLimit', value: '0' } }] },
    {
      name: 'mysql2 connectionLimit=0 in the URL (a string param)',
      pools: [{ library: 'mysql2', options: { uri: 'mysql://app@db/app?connectionLimit=0' } }],
      errors: [{ messageId: 'unlimited', data: { option: 'connectionLimit (written as ?connectionLimit)', value: '"0"' } }],
    },
    { name: 'mongodb maxPoolSize 0', pools: [{ library: 'mongodb', options: { maxPoolSize: 0 } }], errors: [{ messageId: 'unlimited', data: { library: 'mongodb', option: 'maxPoolSize' } }] },
    { name: 'undici connections null', pools: [{ library: 'undici', options: { connections: null } }], errors: [{ messageId: 'unlimited', data: { option: 'connections', value: 'null' } }] },
    { name: 'undici connections 0', pools: [{ library: 'undici', options: { connections: 0 } }], errors: [{ messageId: 'unlimited', data: { value: '0', meaning: 'opens sockets without limit per origin' } }] },
  ],
});
