// Table tests for http-agent-bounded (HTTP001).
import { httpAgentBounded } from '../../../src/audit/rules/http-agent-bounded.js';
import { ruleTable } from './harness.js';

ruleTable(httpAgentBounded, {
  valid: [
    { name: 'maxSockets and timeout', pools: [{ library: 'http-agent', options: { keepAlive: true, maxSockets: 50, timeout: 30_000 } }] },
    { name: 'maxTotalSockets is enough of a cap', pools: [{ library: 'http-agent', options: { maxTotalSockets: 200, timeout: 10_000 } }] },
    { name: 'values from env are unknown, not unbounded', pools: [{ library: 'http-agent', unknown: ['maxSockets', 'timeout'] }] },
  ],
  invalid: [
    { name: 'new Agent() defaults', pools: [{ library: 'http-agent' }], errors: [{ messageId: 'unboundedSockets', data: { construct: 'http-agent' } }, { messageId: 'noTimeout' }] },
    { name: 'explicit Infinity', pools: [{ library: 'http-agent', options: { maxSockets: Infinity, timeout: 5000 } }], errors: [{ messageId: 'unboundedSockets' }] },
    { name: 'timeout 0', pools: [{ library: 'http-agent', options: { maxSockets: 10, timeout: 0 } }], errors: [{ messageId: 'noTimeout' }] },
  ],
});
