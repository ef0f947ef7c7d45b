// node-postgres (pg 8 / pg-pool 3): Pool construction, options, aliases and the defaults pg-pool really applies.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

/** pg-pool: `this.options.max = this.options.max || this.options.poolSize || 10` (index.js constructor). */
const PG_POOL_DEFAULT_MAX = 10;
/** pg-pool reaps idle clients after 10 s when idleTimeoutMillis is undefined (pg.defaults' 30000 is never read). */
const PG_POOL_DEFAULT_IDLE_MS = 10_000;

export const pg: LibraryDefinition = {
  id: 'pg',
  title: 'node-postgres (pg-pool)',
  packages: ['pg', 'pg-pool'],
  referenceMajor: 8,
  kind: 'database-pool',
  database: 'postgres',
  sites: [
    { modules: ['pg'], exportName: 'Pool', call: 'new', optionsArg: 0, construct: 'new pg.Pool' },
    { modules: ['pg'], exportName: 'native.Pool', call: 'new', optionsArg: 0, construct: 'new pg.native.Pool' },
    { modules: ['pg-pool'], exportName: 'default', call: 'new', optionsArg: 0, construct: 'new Pool (pg-pool)' },
  ],
  options: [
    option('max', 'count', { aliases: ['poolSize'], default: PG_POOL_DEFAULT_MAX, facet: 'maxSize', zero: 'default' }),
    option('min', 'count', { default: 0, facet: 'minSize' }),
    option('idleTimeoutMillis', 'ms', { default: PG_POOL_DEFAULT_IDLE_MS, facet: 'idleTimeoutMs', zero: 'unbounded' }),
    // No default: a checkout from a full pool and the TCP/startup handshake both wait forever (node-postgres#2704).
    option('connectionTimeoutMillis', 'ms', { facet: 'acquireTimeoutMs', zero: 'unbounded' }),
    option('maxUses', 'count', { default: Infinity }),
    option('maxLifetimeSeconds', 's', { default: 0, facet: 'maxLifetimeMs', zero: 'unbounded' }),
    option('allowExitOnIdle', 'bool', { default: false }),
    option('keepAlive', 'bool', { default: false }),
    option('keepAliveInitialDelayMillis', 'ms', { default: 0 }),
    option('statement_timeout', 'ms', { default: false, facet: 'statementTimeoutMs', zero: 'unbounded', urlParams: ['statement_timeout'] }),
    option('lock_timeout', 'ms', { default: false, urlParams: ['lock_timeout'] }),
    option('idle_in_transaction_session_timeout', 'ms', { default: false, zero: 'unbounded', urlParams: ['idle_in_transaction_session_timeout'] }),
    option('query_timeout', 'ms', { default: false, facet: 'commandTimeoutMs', zero: 'unbounded' }),
    option('connectionString', 'string'),
    option('application_name', 'string', { urlParams: ['application_name'] }),
  ],
  // pg-pool passes every key on to each Client; unknown keys are silently ignored.
  unknownKeys: 'ignored',
  passThrough: ['host', 'port', 'user', 'password', 'database', 'ssl', 'types', 'log', 'Promise', 'Client', 'onConnect', 'verify', 'stream', 'options', 'client_encoding', 'fallback_application_name', 'binary', 'parseInputDatesAsUTC'],
  urlSchemes: ['postgres', 'postgresql'],
  configHint: { signatureKeys: ['connectionTimeoutMillis', 'idleTimeoutMillis', 'maxLifetimeSeconds', 'allowExitOnIdle', 'statement_timeout', 'idle_in_transaction_session_timeout'] },
};
