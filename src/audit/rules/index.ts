// The explicit, sorted rule registry; a duplicate or out-of-order id fails at load.
import { acquireTimeout } from './acquire-timeout.js';
import { connectTimeout } from './connect-timeout.js';
import { deadKeys } from './dead-keys.js';
import { fleetDbBudget } from './fleet-db-budget.js';
import { fleetVsDbCores } from './fleet-vs-db-cores.js';
import { httpAgentBounded } from './http-agent-bounded.js';
import { idleBelowServer } from './idle-below-server.js';
import { idleTimeoutEffective } from './idle-timeout-effective.js';
import { knexMinZero } from './knex-min-zero.js';
import { knexPropagateCreateError } from './knex-propagate-create-error.js';
import { lruCacheBounded } from './lru-cache-bounded.js';
import { maxExplicit } from './max-explicit.js';
import { maxLifetime } from './max-lifetime.js';
import { mysqlUnboundableWait } from './mysql-unboundable-wait.js';
import { noUnlimitedSentinel } from './no-unlimited-sentinel.js';
import { nodeCacheBounded } from './node-cache-bounded.js';
import { pgErrorListener } from './pg-error-listener.js';
import { pgIdleInTransaction } from './pg-idle-in-transaction.js';
import { poolPerRequest } from './pool-per-request.js';
import { prismaCpuImplicit } from './prisma-cpu-implicit.js';
import { queueCap } from './queue-cap.js';
import { queueRetention } from './queue-retention.js';
import { redisClientsBudget } from './redis-clients-budget.js';
import { redisCommandTimeout } from './redis-command-timeout.js';
import { redisOfflineQueue } from './redis-offline-queue.js';
import { socketioBufferSize } from './socketio-buffer-size.js';
import { statementTimeout } from './statement-timeout.js';
import type { AnyRule } from './types.js';
import { undiciBounded } from './undici-bounded.js';
import { unitSanity } from './unit-sanity.js';
import { wsMaxPayload } from './ws-max-payload.js';
import { zeroMeansDefault } from './zero-means-default.js';

const ALL: AnyRule[] = [
  acquireTimeout,
  connectTimeout,
  deadKeys,
  fleetDbBudget,
  fleetVsDbCores,
  httpAgentBounded,
  idleBelowServer,
  idleTimeoutEffective,
  knexMinZero,
  knexPropagateCreateError,
  lruCacheBounded,
  maxExplicit,
  maxLifetime,
  mysqlUnboundableWait,
  noUnlimitedSentinel,
  nodeCacheBounded,
  pgErrorListener,
  pgIdleInTransaction,
  poolPerRequest,
  prismaCpuImplicit,
  queueCap,
  queueRetention,
  redisClientsBudget,
  redisCommandTimeout,
  redisOfflineQueue,
  socketioBufferSize,
  statementTimeout,
  undiciBounded,
  unitSanity,
  wsMaxPayload,
  zeroMeansDefault,
] as AnyRule[];

export function buildRuleRegistry(rules: AnyRule[]): ReadonlyMap<string, AnyRule> {
  const registry = new Map<string, AnyRule>();
  let previous = '';
  for (const rule of rules) {
    if (registry.has(rule.meta.id)) throw new Error(`duplicate rule id in src/audit/rules/index.ts: ${rule.meta.id}`);
    if (rule.meta.id < previous) throw new Error(`src/audit/rules/index.ts is not sorted: ${rule.meta.id} after ${previous}`);
    registry.set(rule.meta.id, rule);
    previous = rule.meta.id;
  }
  return registry;
}

export const RULES: ReadonlyMap<string, AnyRule> = buildRuleRegistry(ALL);
