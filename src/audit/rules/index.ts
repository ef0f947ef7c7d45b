// The explicit, sorted rule registry; a duplicate or out-of-order id fails at load.
import { acquireTimeout } from './acquire-timeout.js';
import { deadKeys } from './dead-keys.js';
import { fleetDbBudget } from './fleet-db-budget.js';
import { httpAgentBounded } from './http-agent-bounded.js';
import { maxExplicit } from './max-explicit.js';
import { mysqlUnboundableWait } from './mysql-unboundable-wait.js';
import { pgErrorListener } from './pg-error-listener.js';
import { poolPerRequest } from './pool-per-request.js';
import { prismaCpuImplicit } from './prisma-cpu-implicit.js';
import { redisCommandTimeout } from './redis-command-timeout.js';
import { redisOfflineQueue } from './redis-offline-queue.js';
import type { AnyRule } from './types.js';

const ALL: AnyRule[] = [
  acquireTimeout,
  deadKeys,
  fleetDbBudget,
  httpAgentBounded,
  maxExplicit,
  mysqlUnboundableWait,
  pgErrorListener,
  poolPerRequest,
  prismaCpuImplicit,
  redisCommandTimeout,
  redisOfflineQueue,
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
