// KEY001: options a library silently ignores or throws on: typos, legacy names, pool params in the wrong place.
import { getLibrary } from '../../pools/index.js';
import type { PoolConfig } from '../../pools/model.js';
import { UNDICI_LEGACY_KEYS } from '../../pools/undici.js';
import { GENERIC_POOL_ONLY_KEYS } from '../../pools/tarn.js';
import { defineRule, NO_OPTIONS } from './types.js';
import type { RuleContext } from './types.js';
import { closestOption } from '../rule-kit/typo.js';

/** Options the MongoDB driver ≥ 4 rejects with MongoParseError "option … is not supported". */
const MONGODB_REMOVED = ['poolSize', 'autoReconnect', 'reconnectTries', 'reconnectInterval', 'bufferMaxEntries', 'useCreateIndex', 'useFindAndModify'];
/** pg-pool options people put in the connection string, where only the Client reads params (pool ignores them). */
const PG_POOL_PARAMS = ['max', 'min', 'poolSize', 'idleTimeoutMillis', 'connectionTimeoutMillis', 'maxUses', 'maxLifetimeSeconds', 'connection_limit', 'pool_timeout'];
/** Known dead keys with the name that works. */
const RENAMED: Record<string, Record<string, string>> = {
  ioredis: { offlineQueue: 'enableOfflineQueue' },
  'generic-pool': { numTestsPerRun: 'numTestsPerEvictionRun' },
  mysql2: { acquireTimeout: '' },
};

export const deadKeys = defineRule({
  meta: {
    id: 'dead-keys',
    code: 'KEY001',
    defaultSeverity: 'error',
    description: 'Report options the library ignores (typos, renamed keys, pool params in URLs) or rejects at startup.',
    libraries: ['generic-pool', 'ioredis', 'knex', 'mongodb', 'mssql', 'pg', 'tarn', 'undici'],
    messages: {
      throws: '{{library}} throws on option {{key}} at startup ({{why}})',
      renamed: '{{library}} ignores {{key}}: the option is {{replacement}}',
      typo: '{{library}} has no option {{key}}: did you mean {{replacement}}?',
      urlPoolParam: 'pg ignores pool option {{key}} in the connection string (only the Client reads URL params): pass it to new Pool({ … })',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of context.configs) {
      checkUnknownKeys(context, config);
      if (config.library === 'pg') checkPgUrl(context, config);
    }
  },
});

function checkUnknownKeys(context: RuleContext<unknown>, config: PoolConfig): void {
  const library = getLibrary(config.library);
  for (const { key, position } of config.unknownKeys) {
    const leaf = key.split('.').pop() ?? key;
    const data = { library: config.library, key };
    const renamed = RENAMED[config.library]?.[key];
    if (renamed === '') continue; // reported with more context by mysql-unboundable-wait
    if (renamed) {
      context.report({ config, position, messageId: 'renamed', data: { ...data, replacement: renamed } });
    } else if (config.library === 'undici' && UNDICI_LEGACY_KEYS.includes(key)) {
      context.report({ config, position, messageId: 'throws', data: { ...data, why: 'InvalidArgumentError: renamed in undici 4+' } });
    } else if (config.library === 'mongodb' && MONGODB_REMOVED.includes(key)) {
      context.report({ config, position, messageId: 'throws', data: { ...data, why: 'MongoParseError: not supported since driver 4' } });
    } else if (library.id === 'tarn' || library.strictUnder?.some((prefix) => key.startsWith(`${prefix}.`))) {
      const why = GENERIC_POOL_ONLY_KEYS.includes(leaf) ? 'a generic-pool option; tarn rejects it (knex#4216, node-mssql#1319)' : 'tarn: unsupported option';
      context.report({ config, position, messageId: 'throws', data: { ...data, why } });
    } else {
      const suggestion = closestOption(key, library.options.flatMap((spec) => [spec.key, ...(spec.aliases ?? [])]));
      if (suggestion) context.report({ config, position, messageId: 'typo', data: { ...data, replacement: suggestion } });
    }
  }
}

function checkPgUrl(context: RuleContext<unknown>, config: PoolConfig): void {
  const url = config.options.connectionString;
  if (url?.origin !== 'set' || typeof url.value !== 'string') return;
  const query = url.value.split('?')[1] ?? '';
  for (const pair of query.split('&')) {
    const key = pair.split('=')[0];
    if (PG_POOL_PARAMS.includes(key)) context.report({ config, position: url.position, messageId: 'urlPoolParam', data: { key } });
  }
}
