// ws 8 WebSocketServer: 100 MiB default maxPayload; perMessageDeflate off on servers, on for clients.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

/** ws/lib/websocket-server.js: maxPayload default 100 * 1024 * 1024. */
export const WS_DEFAULT_MAX_PAYLOAD = 104_857_600;

export const ws: LibraryDefinition = {
  id: 'ws',
  title: 'ws',
  packages: ['ws'],
  referenceMajor: 8,
  kind: 'socket-server',
  sites: [
    { modules: ['ws'], exportName: 'WebSocketServer', call: 'new', optionsArg: 0, construct: 'new WebSocketServer' },
    { modules: ['ws'], exportName: 'Server', call: 'new', optionsArg: 0, construct: 'new WebSocket.Server' },
    { modules: ['ws'], exportName: 'default.Server', call: 'new', optionsArg: 0, construct: 'new WebSocket.Server' },
    { modules: ['ws'], exportName: 'WebSocket', call: 'new', optionsArg: 'last', construct: 'new WebSocket', role: 'client' },
    { modules: ['ws'], exportName: 'default', call: 'new', optionsArg: 'last', construct: 'new WebSocket', role: 'client' },
  ],
  options: [
    option('maxPayload', 'bytes', { default: WS_DEFAULT_MAX_PAYLOAD }),
    option('perMessageDeflate', 'bool', { default: false }),
    option('perMessageDeflate.concurrencyLimit', 'count', { default: 10 }),
    option('perMessageDeflate.threshold', 'bytes', { default: 1024 }),
    option('clientTracking', 'bool', { default: true }),
    option('closeTimeout', 'ms', { default: 30_000 }),
    option('handshakeTimeout', 'ms', { facet: 'connectTimeoutMs' }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['port', 'host', 'server', 'noServer', 'path', 'backlog', 'verifyClient', 'handleProtocols', 'skipUTF8Validation', 'allowSynchronousEvents', 'autoPong', 'WebSocket', 'headers', 'origin', 'protocolVersion', 'followRedirects', 'maxRedirects', 'agent', 'perMessageDeflate.zlibDeflateOptions', 'perMessageDeflate.zlibInflateOptions', 'perMessageDeflate.clientNoContextTakeover', 'perMessageDeflate.serverNoContextTakeover', 'perMessageDeflate.serverMaxWindowBits', 'perMessageDeflate.clientMaxWindowBits'],
};
