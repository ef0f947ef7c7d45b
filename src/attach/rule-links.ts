// Which `pooldoc audit` rule would have caught a live finding in CI, by library and what was seen.
// Ids are the audit registry's (src/audit/rules/<id>.ts); codes as in the reference rule list.

export interface RuleLink {
  ruleId: string;
  code: string;
}

const ACQUIRE_TIMEOUT: RuleLink = { ruleId: 'acquire-timeout', code: 'WAIT001' };
const MYSQL_UNBOUNDABLE_WAIT: RuleLink = { ruleId: 'mysql-unboundable-wait', code: 'WAIT002' };
const RELEASE_IN_FINALLY: RuleLink = { ruleId: 'release-in-finally', code: 'LEAK001' };
const AGENT_BOUNDED: RuleLink = { ruleId: 'agent-bounded', code: 'HTTP001' };
const OFFLINE_QUEUE: RuleLink = { ruleId: 'offline-queue', code: 'REDIS001' };
const BOUNDED_CACHE: RuleLink = { ruleId: 'bounded-cache', code: 'CACHE001' };
const PAYLOAD_AND_DEFLATE: RuleLink = { ruleId: 'payload-and-deflate', code: 'WS001' };

/** A saturated pool: callers queue; the CI rule is the one that bounds that wait. */
export function saturationRule(library: string): RuleLink | undefined {
  if (library === 'mysql2') return MYSQL_UNBOUNDABLE_WAIT;
  if (library === 'http-agent' || library === 'undici') return AGENT_BOUNDED;
  if (library === 'ioredis') return OFFLINE_QUEUE;
  if (library === 'socket.io') return PAYLOAD_AND_DEFLATE;
  if (library === 'lru-cache') return BOUNDED_CACHE;
  return ACQUIRE_TIMEOUT;
}

/** Clients checked out and never returned: the static release-in-finally check. */
export function leakRule(): RuleLink {
  return RELEASE_IN_FINALLY;
}

/** Configuration seen live that the audit flags on its own (unbounded agent, uncapped cache). */
export function unboundedRule(library: string): RuleLink | undefined {
  if (library === 'http-agent' || library === 'undici') return AGENT_BOUNDED;
  if (library === 'lru-cache') return BOUNDED_CACHE;
  if (library === 'ioredis') return OFFLINE_QUEUE;
  return undefined;
}

/** A growing heap: unbounded caches are the commonest static cause. */
export function heapLeakRule(): RuleLink {
  return BOUNDED_CACHE;
}
