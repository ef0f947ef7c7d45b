// Table tests for queue-cap (WAIT003).
import { queueCap } from '../../../src/audit/rules/queue-cap.js';
import { ruleTable } from './harness.js';

ruleTable(queueCap, {
  valid: [
    { name: 'generic-pool maxWaitingClients 50', pools: [{ library: 'generic-pool', options: { max: 5, maxWaitingClients: 50 } }] },
    { name: 'maxWaitingClients from an env var without fallback is unknown', pools: [{ library: 'generic-pool', unknown: ['maxWaitingClients'] }] },
    { name: 'opaque spread may set maxWaitingClients', pools: [{ library: 'generic-pool', opaque: [''] }] },
    { name: 'pg has no queue cap option (acquire-timeout covers it)', pools: [{ library: 'pg', options: { max: 10 } }] },
    { name: 'mysql2 queueLimit 0 is mysql-unboundable-wait\'s finding, not a second one here', pools: [{ library: 'mysql2', options: { queueLimit: 0 } }] },
  ],
  invalid: [
    { name: 'generic-pool without maxWaitingClients', pools: [{ library: 'generic-pool', options: { max: 5 } }], errors: [{ messageId: 'unbounded', data: { library: 'generic-pool', option: 'maxWaitingClients', value: 'unset' } }] },
    { name: 'generic-pool maxWaitingClients null (parsed as NaN = unlimited)', pools: [{ library: 'generic-pool', options: { max: 5, maxWaitingClients: null } }], errors: [{ messageId: 'disabled', data: { option: 'maxWaitingClients', value: 'null' } }] },
  ],
});
