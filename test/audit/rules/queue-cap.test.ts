// Table tests for queue-cap (WAIT003).
import { queueCap } from '../../../src/audit/rules/queue-cap.js';
import { ruleTable } from './harness.js';

ruleTable(queueCap, {
  valid: [
    { name: 'mysql2 queueLimit 100', pools: [{ library: 'mysql2', options: { connectionLimit: 10, queueLimit: 100 } }] },
    { name: 'mysql2 waitForConnections false never queues', pools: [{ library: 'mysql2', options: { waitForConnections: false } }] },
    { name: 'mysql2 waitForConnections from an env var: cannot tell', pools: [{ library: 'mysql2', unknown: ['waitForConnections'] }] },
    { name: 'generic-pool maxWaitingClients 50', pools: [{ library: 'generic-pool', options: { max: 5, maxWaitingClients: 50 } }] },
    { name: 'queueLimit from an env var without fallback is unknown', pools: [{ library: 'mysql2', unknown: ['queueLimit'] }] },
    { name: 'opaque spread may set maxWaitingClients', pools: [{ library: 'generic-pool', opaque: [''] }] },
    { name: 'pg has no queue cap option (acquire-timeout covers it)', pools: [{ library: 'pg', options: { max: 10 } }] },
  ],
  invalid: [
    { name: 'mysql2 default queueLimit 0', pools: [{ library: 'mysql2', options: { connectionLimit: 10 } }], errors: [{ messageId: 'unbounded', data: { library: 'mysql2', option: 'queueLimit' } }] },
    { name: 'mysql2 queueLimit 0 written', pools: [{ library: 'mysql2', options: { queueLimit: 0 } }], errors: [{ messageId: 'disabled', data: { option: 'queueLimit', value: '0' } }] },
    {
      name: 'mysql2 ?queueLimit=0 in the URL',
      pools: [{ library: 'mysql2', options: { uri: 'mysql://db/app?queueLimit=0' } }],
      errors: [{ messageId: 'disabled', data: { option: 'queueLimit (written as ?queueLimit)', value: '"0"' } }],
    },
    { name: 'mysql2 waitForConnections true written keeps the queue', pools: [{ library: 'mysql2', options: { waitForConnections: true } }], errors: [{ messageId: 'unbounded' }] },
    { name: 'generic-pool without maxWaitingClients', pools: [{ library: 'generic-pool', options: { max: 5 } }], errors: [{ messageId: 'unbounded', data: { library: 'generic-pool', option: 'maxWaitingClients', value: 'unset' } }] },
  ],
});
