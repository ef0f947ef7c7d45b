// Table tests for mysql-unboundable-wait (WAIT002).
import { mysqlUnboundableWait } from '../../../src/audit/rules/mysql-unboundable-wait.js';
import { ruleTable } from './harness.js';

ruleTable(mysqlUnboundableWait, {
  valid: [
    { name: 'queueLimit set', pools: [{ library: 'mysql2', options: { connectionLimit: 10, queueLimit: 50 } }] },
    { name: 'fail fast', pools: [{ library: 'mysql2', options: { waitForConnections: false } }] },
    { name: 'queueLimit from env without fallback', pools: [{ library: 'mysql2', unknown: ['queueLimit'] }] },
    { name: 'typeorm postgres acquireTimeout is not mysql2', pools: [{ library: 'typeorm', options: { type: 'postgres', acquireTimeout: 1000 } }] },
  ],
  invalid: [
    { name: 'defaults', pools: [{ library: 'mysql2', options: { connectionLimit: 10 } }], errors: [{ messageId: 'unboundedWait', data: { option: 'queueLimit', value: '0' } }] },
    { name: 'queueLimit in URL is 0', pools: [{ library: 'mysql2', options: { uri: 'mysql://h/db?queueLimit=0' } }], errors: [{ messageId: 'unboundedWait', data: { option: 'queueLimit (written as ?queueLimit)' } }] },
    {
      name: 'acquireTimeout is ignored by mysql2',
      pools: [{ library: 'mysql2', options: { queueLimit: 100, acquireTimeout: 10_000 } }],
      errors: [{ messageId: 'acquireTimeoutIgnored', data: { library: 'mysql2' } }],
    },
    {
      name: 'typeorm mysql acquireTimeout',
      pools: [{ library: 'typeorm', options: { type: 'mysql', acquireTimeout: 10_000 } }],
      errors: [{ messageId: 'acquireTimeoutIgnored', data: { library: 'typeorm' } }],
    },
  ],
});
