// undici 6–8: Pool/Agent `connections` null = unlimited; legacy option names throw InvalidArgumentError.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

/** Renamed in undici 4+; passing them throws (undici lib/dispatcher/client.js). */
export const UNDICI_LEGACY_KEYS = ['keepAlive', 'socketTimeout', 'requestTimeout', 'idleTimeout', 'maxKeepAliveTimeout'];

export const undici: LibraryDefinition = {
  id: 'undici',
  title: 'undici',
  packages: ['undici'],
  referenceMajor: 7,
  kind: 'http-agent',
  sites: [
    { modules: ['undici'], exportName: 'Pool', call: 'new', optionsArg: 1, construct: 'new undici.Pool' },
    { modules: ['undici'], exportName: 'Agent', call: 'new', optionsArg: 0, construct: 'new undici.Agent' },
    { modules: ['undici'], exportName: 'Client', call: 'new', optionsArg: 1, construct: 'new undici.Client', role: 'client' },
  ],
  options: [
    // null (and 0, which becomes null) = unlimited sockets per origin (node-modules/urllib#480: EMFILE).
    option('connections', 'count', { default: null, facet: 'maxSize', zero: 'unbounded' }),
    option('maxOrigins', 'count', { default: Infinity }),
    option('pipelining', 'count', { default: 1 }),
    option('keepAliveTimeout', 'ms', { default: 4_000, facet: 'idleTimeoutMs' }),
    option('keepAliveMaxTimeout', 'ms', { default: 600_000 }),
    option('keepAliveTimeoutThreshold', 'ms', { default: 2_000 }),
    option('headersTimeout', 'ms', { default: 300_000, facet: 'commandTimeoutMs', zero: 'unbounded' }),
    option('bodyTimeout', 'ms', { default: 300_000, zero: 'unbounded' }),
    option('connectTimeout', 'ms', { aliases: ['connect.timeout'], default: 10_000, facet: 'connectTimeoutMs' }),
    option('clientTtl', 'ms', { default: null, facet: 'maxLifetimeMs' }),
    option('maxResponseSize', 'bytes', { default: -1 }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['connect', 'factory', 'interceptors', 'allowH2', 'maxConcurrentStreams', 'localAddress', 'maxHeaderSize', 'maxRequestsPerClient', 'strictContentLength', 'autoSelectFamily', 'autoSelectFamilyAttemptTimeout', 'socketPath'],
};
