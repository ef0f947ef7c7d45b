// TIME001: opening a connection must time out; pg ignores `?connect_timeout=` (libpq/pg-native only), ws clients never time out.
import { z } from 'zod';
import type { PoolConfig } from '../../pools/model.js';
import { parseConnectionUrl } from '../../pools/url.js';
import { checkBound } from '../rule-kit/bounds.js';
import { configsOf, defineRule } from './types.js';
import type { RuleContext } from './types.js';

/** Libraries with a connect/handshake timeout facet (tarn-based pools: createTimeoutMillis). */
const FACET_LIBRARIES = ['knex', 'mariadb', 'mongodb', 'mssql', 'mysql2', 'node-redis', 'ioredis', 'prisma', 'socket.io', 'tarn', 'undici', 'ws'];
const LIBRARIES = [...FACET_LIBRARIES, 'pg'].sort();

/** A TCP + TLS + auth handshake that takes longer than a minute is a dead host; the caller should fail over instead. */
const DEFAULT_MAX_MS = 60_000;

/** libpq connection parameters pg-native reads but the pure-JS pg Client does not (pg client.js / connection-parameters.js). */
const LIBPQ_ONLY_PARAMS = ['connect_timeout'];

export const connectTimeout = defineRule({
  meta: {
    id: 'connect-timeout',
    code: 'TIME001',
    defaultSeverity: 'error',
    description: 'Bound the time spent opening a connection or handshake.',
    libraries: LIBRARIES,
    messages: {
      missing: '{{library}} waits forever to open a connection by default: set {{option}}',
      disabled: '{{library}} {{option}} = {{value}} disables the connect timeout: a dead host hangs the caller',
      tooLong: '{{library}} {{option}} = {{ms}} ms exceeds {{maxMs}} ms: a dead host holds callers that long',
      urlIgnored: 'pg ignores ?{{param}}= in the connection string (only pg-native/libpq reads it): set connectionTimeoutMillis in the pool options',
    },
    optionsSchema: z.strictObject({ maxMs: z.number().positive() }),
    defaultOptions: { maxMs: DEFAULT_MAX_MS },
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      if (config.library === 'pg') checkPgUrl(context, config);
      // ws: handshakeTimeout exists on clients only; a WebSocketServer has no such option.
      else if (config.library !== 'ws' || config.context.role === 'client') {
        checkBound(context, config, config.facets.connectTimeoutMs, { missing: 'missing', disabled: 'disabled', tooLong: 'tooLong' }, context.options.maxMs);
      }
    }
  },
});

/** pg: a connect timeout written only in the URL looks configured but does nothing in pure-JS pg. */
function checkPgUrl(context: RuleContext<unknown>, config: PoolConfig): void {
  const timeout = config.options['connectionTimeoutMillis'];
  const url = config.options['connectionString'];
  if (config.construct.includes('native') || timeout?.origin !== 'default' || url?.origin !== 'set' || typeof url.value !== 'string') return;
  const params = parseConnectionUrl(url.value)?.params;
  for (const param of LIBPQ_ONLY_PARAMS) {
    if (params?.has(param)) context.report({ config, position: url.position, messageId: 'urlIgnored', data: { library: 'pg', param } });
  }
}
