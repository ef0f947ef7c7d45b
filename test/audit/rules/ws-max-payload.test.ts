// Table tests for ws-max-payload (WS001, ws).
import { wsMaxPayload } from '../../../src/audit/rules/ws-max-payload.js';
import { ruleTable } from './harness.js';

ruleTable(wsMaxPayload, {
  valid: [
    { name: 'server with a 1 MiB maxPayload', pools: [{ library: 'ws', options: { port: 8080, maxPayload: 1_048_576 } }] },
    { name: 'client is not checked', pools: [{ library: 'ws', context: { role: 'client' } }] },
    { name: 'maxPayload from an env var without fallback', pools: [{ library: 'ws', unknown: ['maxPayload'] }] },
    { name: 'deflate with a threshold was sized', pools: [{ library: 'ws', options: { maxPayload: 65_536, perMessageDeflate: { threshold: 4096, concurrencyLimit: 5 } } }] },
    { name: 'perMessageDeflate false written', pools: [{ library: 'ws', options: { maxPayload: 65_536, perMessageDeflate: false } }] },
    { name: 'raised maxBytes option', pools: [{ library: 'ws', options: { maxPayload: 50_000_000 } }], ruleOptions: { maxBytes: 64_000_000 } },
  ],
  invalid: [
    { name: 'server with the default 100 MiB', pools: [{ library: 'ws', options: { port: 8080 } }], errors: [{ messageId: 'defaultLarge', data: { library: 'ws', value: '104857600' } }] },
    { name: 'server with 50 MB', pools: [{ library: 'ws', options: { maxPayload: 50_000_000 } }], errors: [{ messageId: 'tooLarge', data: { option: 'maxPayload', value: '50000000', maxBytes: 10_485_760 } }] },
    {
      name: 'perMessageDeflate: true without sizing',
      pools: [{ library: 'ws', options: { maxPayload: 65_536, perMessageDeflate: true } }],
      errors: [{ messageId: 'deflate', data: { option: 'perMessageDeflate' } }],
    },
    {
      name: 'perMessageDeflate with only zlib options is still unsized',
      pools: [{ library: 'ws', options: { perMessageDeflate: { zlibDeflateOptions: { level: 3 } } } }],
      errors: [{ messageId: 'defaultLarge' }, { messageId: 'deflate' }],
    },
  ],
});
