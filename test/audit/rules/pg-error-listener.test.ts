// Table tests for pg-error-listener (ERR001).
import { pgErrorListener } from '../../../src/audit/rules/pg-error-listener.js';
import { ruleTable } from './harness.js';

ruleTable(pgErrorListener, {
  valid: [
    { name: 'listener attached', pools: [{ library: 'pg', options: { max: 5 }, context: { variable: 'pool', errorListener: true } }] },
    { name: 'config files cannot show listeners (null)', pools: [{ library: 'pg', context: { errorListener: null } }] },
    { name: 'other libraries', pools: [{ library: 'mysql2', context: { variable: 'pool', errorListener: false } }] },
  ],
  invalid: [
    { name: 'no listener', pools: [{ library: 'pg', context: { variable: 'db', errorListener: false } }], errors: [{ messageId: 'missing', data: { variable: 'db' } }] },
    { name: 'not assigned', pools: [{ library: 'pg', context: { errorListener: false } }], errors: [{ messageId: 'unassigned', data: {} }] },
  ],
});
