// The explicit, sorted rule registry; a duplicate or out-of-order id fails at load.
import { acquireTimeout } from './acquire-timeout.js';
import { connectTimeout } from './connect-timeout.js';
import { fleetDbBudget } from './fleet-db-budget.js';
import { idleTimeoutEffective } from './idle-timeout-effective.js';
import { maxExplicit } from './max-explicit.js';
import { maxLifetime } from './max-lifetime.js';
import { noUnlimitedSentinel } from './no-unlimited-sentinel.js';
import { queueCap } from './queue-cap.js';
import { statementTimeout } from './statement-timeout.js';
import type { AnyRule } from './types.js';
import { zeroMeansDefault } from './zero-means-default.js';

const ALL: AnyRule[] = [
  acquireTimeout,
  connectTimeout,
  fleetDbBudget,
  idleTimeoutEffective,
  maxExplicit,
  maxLifetime,
  noUnlimitedSentinel,
  queueCap,
  statementTimeout,
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
