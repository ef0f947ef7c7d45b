// socket.io 4 Server: maxHttpBufferSize (1e6 since CVE-2020-36048), recovery buffers every broadcast for a window.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

export const socketIo: LibraryDefinition = {
  id: 'socket.io',
  title: 'socket.io',
  packages: ['socket.io'],
  referenceMajor: 4,
  kind: 'socket-server',
  sites: [
    // new Server(httpServer | port, opts) | new Server(opts): options are the last argument.
    { modules: ['socket.io'], exportName: 'Server', call: 'new', optionsArg: 'last', construct: 'new socket.io Server' },
    { modules: ['socket.io'], exportName: 'default', call: 'call', optionsArg: 'last', construct: 'socket.io()' },
  ],
  options: [
    option('maxHttpBufferSize', 'bytes', { default: 1e6 }),
    option('pingInterval', 'ms', { default: 25_000 }),
    option('pingTimeout', 'ms', { default: 20_000 }),
    option('upgradeTimeout', 'ms', { default: 10_000 }),
    option('connectTimeout', 'ms', { default: 45_000, facet: 'connectTimeoutMs' }),
    option('perMessageDeflate', 'bool', { default: false }),
    option('perMessageDeflate.threshold', 'bytes', { default: 1024 }),
    option('connectionStateRecovery', 'bool', { default: false }),
    option('connectionStateRecovery.maxDisconnectionDuration', 'ms', { default: 120_000 }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['cors', 'path', 'serveClient', 'adapter', 'parser', 'transports', 'allowUpgrades', 'httpCompression', 'allowEIO3', 'cookie', 'allowRequest', 'wsEngine', 'cleanupEmptyChildNamespaces', 'addTrailingSlash', 'initialPacket', 'destroyUpgrade', 'destroyUpgradeTimeout', 'connectionStateRecovery.skipMiddlewares', 'perMessageDeflate.concurrencyLimit'],
};
