// Which `pooldoc audit` rule would have caught a live finding in CI, by library and what was seen. Each
// situation lists candidate rule ids, best first (codes as in the reference's rule list); the first one the
// audit registry actually has is linked, so a report never points at a rule that does not exist.

export interface RuleLink {
  ruleId: string;
  code: string;
}

const ACQUIRE_TIMEOUT: RuleLink = { ruleId: 'acquire-timeout', code: 'WAIT001' };
const MYSQL_UNBOUNDABLE_WAIT: RuleLink = { ruleId: 'mysql-unboundable-wait', code: 'WAIT002' };
const QUEUE_CAP: RuleLink = { ruleId: 'queue-cap', code: 'WAIT003' };
const RELEASE_IN_FINALLY: RuleLink = { ruleId: 'release-in-finally', code: 'LEAK001' };
const NO_UNLIMITED_SENTINEL: RuleLink = { ruleId: 'no-unlimited-sentinel', code: 'POOL002' };
const HTTP_AGENT_BOUNDED: RuleLink = { ruleId: 'http-agent-bounded', code: 'HTTP001' };
const UNDICI_BOUNDED: RuleLink = { ruleId: 'undici-bounded', code: 'HTTP001' };
const OFFLINE_QUEUE: RuleLink = { ruleId: 'redis-offline-queue', code: 'REDIS001' };
const LRU_CACHE_BOUNDED: RuleLink = { ruleId: 'lru-cache-bounded', code: 'CACHE001' };
/** The reference's CACHE001 "module-level Map used as a cache": no audit rule has that id yet. */
const BOUNDED_CACHE: RuleLink = { ruleId: 'bounded-cache', code: 'CACHE001' };
const SOCKETIO_BUFFER_SIZE: RuleLink = { ruleId: 'socketio-buffer-size', code: 'WS001' };
const POOL_PER_REQUEST: RuleLink = { ruleId: 'pool-per-request', code: 'SCOPE001' };

export type LinkSituation = 'saturated' | 'leaking-clients' | 'unbounded' | 'heap-leak' | 'pools-appearing';

/** Candidates per situation and library, best first. */
export function ruleCandidates(situation: LinkSituation, library?: string): RuleLink[] {
  switch (situation) {
    case 'heap-leak':
      return [BOUNDED_CACHE];
    case 'pools-appearing':
      return [POOL_PER_REQUEST];
    case 'leaking-clients':
      // A leaked client is a missing release(); a bounded acquire at least turns the hang into an error.
      return [RELEASE_IN_FINALLY, ACQUIRE_TIMEOUT];
    case 'unbounded':
      if (library === 'http-agent') return [HTTP_AGENT_BOUNDED, NO_UNLIMITED_SENTINEL];
      if (library === 'undici') return [UNDICI_BOUNDED, NO_UNLIMITED_SENTINEL];
      if (library === 'lru-cache') return [LRU_CACHE_BOUNDED];
      if (library === 'ioredis') return [OFFLINE_QUEUE];
      return [NO_UNLIMITED_SENTINEL];
    case 'saturated':
      if (library === 'mysql2') return [MYSQL_UNBOUNDABLE_WAIT, QUEUE_CAP];
      if (library === 'http-agent') return [HTTP_AGENT_BOUNDED, NO_UNLIMITED_SENTINEL];
      if (library === 'undici') return [UNDICI_BOUNDED, NO_UNLIMITED_SENTINEL];
      if (library === 'ioredis') return [OFFLINE_QUEUE];
      if (library === 'socket.io') return [SOCKETIO_BUFFER_SIZE];
      if (library === 'lru-cache') return [LRU_CACHE_BOUNDED];
      return [ACQUIRE_TIMEOUT, QUEUE_CAP];
  }
}

/** The first candidate the audit registry knows, or undefined (the finding then names its detector only). */
export function linkRule(situation: LinkSituation, library: string | undefined, knownRuleIds: ReadonlySet<string>): RuleLink | undefined {
  return ruleCandidates(situation, library).find((link) => knownRuleIds.has(link.ruleId));
}
