// Every live finding links to an audit rule that exists, and the fallback order holds.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/audit/rules/index.js';
import { linkRule, ruleCandidates, type LinkSituation } from '../../src/attach/rule-links.js';
import { checkSnapshotHeadroom } from '../../src/attach/snapshot-step.js';

const known = new Set(RULES.keys());

describe('rule links', () => {
  it('links saturation of pg-like pools to acquire-timeout, which the audit registry has', () => {
    expect(linkRule('saturated', 'pg', known)?.ruleId).toBe('acquire-timeout');
    expect(linkRule('saturated', 'generic-pool', known)?.code).toBe('WAIT001');
    expect(linkRule('saturated', 'mysql2', known)?.ruleId).toBe('mysql-unboundable-wait');
    expect(linkRule('saturated', 'http-agent', known)?.ruleId).toBe('http-agent-bounded');
    expect(linkRule('unbounded', 'lru-cache', known)?.ruleId).toBe('lru-cache-bounded');
  });

  it('never links an id the registry lacks', () => {
    const situations: LinkSituation[] = ['saturated', 'leaking-clients', 'unbounded', 'heap-leak'];
    for (const situation of situations) {
      for (const library of ['pg', 'mysql2', 'generic-pool', 'tarn', 'ioredis', 'http-agent', 'undici', 'socket.io', 'lru-cache']) {
        const link = linkRule(situation, library, known);
        if (link) expect(known.has(link.ruleId)).toBe(true);
        else expect(ruleCandidates(situation, library).every((candidate) => !known.has(candidate.ruleId))).toBe(true);
      }
    }
  });

  it('falls back to the next candidate when the first is missing', () => {
    expect(linkRule('leaking-clients', 'pg', new Set(['acquire-timeout']))?.ruleId).toBe('acquire-timeout');
    expect(linkRule('leaking-clients', 'pg', new Set(['release-in-finally', 'acquire-timeout']))?.ruleId).toBe('release-in-finally');
  });
});

describe('snapshot headroom gate', () => {
  it('refuses when 20× heapUsed exceeds the free memory of this box, unless forced', () => {
    const absurdHeap = 1e15;
    expect(() => checkSnapshotHeadroom(process.pid, absurdHeap, false)).toThrow(/--snapshot refused.*--force/);
    expect(checkSnapshotHeadroom(process.pid, absurdHeap, true).expectedPauseSeconds).toBeGreaterThan(2);
    expect(() => checkSnapshotHeadroom(process.pid, 1e6, false)).not.toThrow();
  });
});
