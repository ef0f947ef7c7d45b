// Table tests for socketio-buffer-size (WS001, socket.io).
import { socketioBufferSize } from '../../../src/audit/rules/socketio-buffer-size.js';
import { ruleTable } from './harness.js';

ruleTable(socketioBufferSize, {
  valid: [
    { name: 'defaults (1e6, no recovery, no deflate)', pools: [{ library: 'socket.io' }] },
    { name: 'modest raise to 5e6', pools: [{ library: 'socket.io', options: { maxHttpBufferSize: 5e6 } }] },
    { name: 'recovery with the default 2 min window', pools: [{ library: 'socket.io', options: { connectionStateRecovery: { skipMiddlewares: true, maxDisconnectionDuration: 120_000 } } }] },
    { name: 'maxHttpBufferSize from an env var', pools: [{ library: 'socket.io', unknown: ['maxHttpBufferSize'] }] },
    { name: 'deflate with a threshold', pools: [{ library: 'socket.io', options: { perMessageDeflate: { threshold: 4096 } } }] },
    { name: 'raised maxBytes option', pools: [{ library: 'socket.io', options: { maxHttpBufferSize: 1e8 } }], ruleOptions: { maxBytes: 2e8, maxRecoveryMs: 300_000 } },
  ],
  invalid: [
    { name: 'the pre-CVE 1e8', pools: [{ library: 'socket.io', options: { maxHttpBufferSize: 1e8 } }], errors: [{ messageId: 'tooLarge', data: { option: 'maxHttpBufferSize', value: '100000000', maxBytes: 1e7 } }] },
    {
      name: 'a 30 min recovery window',
      pools: [{ library: 'socket.io', options: { connectionStateRecovery: { maxDisconnectionDuration: 1_800_000 } } }],
      errors: [{ messageId: 'longRecovery', data: { option: 'connectionStateRecovery.maxDisconnectionDuration', value: '1800000', maxRecoveryMs: 300_000 } }],
    },
    { name: 'perMessageDeflate: true', pools: [{ library: 'socket.io', options: { perMessageDeflate: true } }], errors: [{ messageId: 'deflate', data: { option: 'perMessageDeflate' } }] },
  ],
});
