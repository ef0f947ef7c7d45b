// Table tests for undici-bounded (HTTP001, undici).
import { undiciBounded } from '../../../src/audit/rules/undici-bounded.js';
import { ruleTable } from './harness.js';

ruleTable(undiciBounded, {
  valid: [
    { name: 'Pool with connections', pools: [{ library: 'undici', options: { connections: 50 } }] },
    { name: 'Client is one connection', pools: [{ library: 'undici', context: { role: 'client' } }] },
    { name: 'connections from an env var without fallback', pools: [{ library: 'undici', unknown: ['connections'] }] },
    { name: 'opaque spread may set connections', pools: [{ library: 'undici', opaque: [''] }] },
    { name: 'written null is no-unlimited-sentinel\'s business', pools: [{ library: 'undici', options: { connections: null } }] },
    { name: 'explicit positive timeouts', pools: [{ library: 'undici', options: { connections: 10, headersTimeout: 30_000, bodyTimeout: 60_000 } }] },
  ],
  invalid: [
    { name: 'Pool without connections', pools: [{ library: 'undici', options: { pipelining: 1 } }], errors: [{ messageId: 'unbounded', data: { library: 'undici', construct: 'undici' } }] },
    {
      name: 'bodyTimeout 0 and headersTimeout 0',
      pools: [{ library: 'undici', options: { connections: 10, headersTimeout: 0, bodyTimeout: 0 } }],
      errors: [{ messageId: 'timeoutDisabled', data: { option: 'headersTimeout' } }, { messageId: 'timeoutDisabled', data: { option: 'bodyTimeout' } }],
    },
    { name: 'Client with bodyTimeout 0 still reported', pools: [{ library: 'undici', options: { bodyTimeout: 0 }, context: { role: 'client' } }], errors: [{ messageId: 'timeoutDisabled', data: { option: 'bodyTimeout', value: '0' } }] },
  ],
});
