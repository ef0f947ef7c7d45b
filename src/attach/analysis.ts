// The result of `pooldoc analyze`: what was gathered live plus the detectors' verdicts, joined into one
// typed, redacted object (the --json contract) with findings linked to the audit rule that catches them in CI.
import type { HeapLeakResult, PoolPressureResult } from '../detect/types.js';
import type { Finding, PoolVerdict, Verdict } from '../findings.js';
import type { PoolCounts } from '../pools/runtime-types.js';
import { redact } from '../redact.js';
import type { SocketGroup } from '../series/types.js';
import type { AllocationSummary } from './allocation-profile.js';
import type { LiveRunResult } from './live-run.js';
import { heapLeakRule, leakRule, saturationRule, unboundedRule } from './rule-links.js';
import type { Attachment, DetachOutcome } from './session.js';

export interface AnalyzedPool {
  name: string;
  library: string;
  counts: PoolCounts;
  verdict: PoolVerdict;
  waitingMax?: number;
  saturatedSeconds: number;
  /** Established sockets to the pool's endpoint (from /proc), when its label names one. */
  sockets?: number;
  reasons: string[];
  extra?: Record<string, string | number | boolean>;
}

export interface AnalyzeResult {
  target: {
    pid: number;
    nodeVersion: string;
    uptimeSeconds: number;
    heapLimit?: number;
    main?: string;
    moduleSystem: string;
    inspectorWasOpen: boolean;
    inspectorAfter: string;
    inspectorPort: number;
    attachMs: number;
    firstReadingMs?: number;
  };
  run: { intervalMs: number; samples: number; spanSeconds: number; gc: boolean; stoppedEarly: boolean; targetGone: boolean; warnings: string[] };
  heap: {
    verdict: Verdict;
    slopeBytesPerHour: number;
    timeToLimitSeconds: number | null;
    heapUsed?: number;
    heapLimit?: number;
    rss?: number;
    pValue: number;
    rSquared: number;
    baseline: string;
    reasons: string[];
  };
  pools: AnalyzedPool[];
  poolDiscovery?: { pauseMs: number; instances: number };
  /** Established sockets by endpoint at the end of the run (from /proc); socketsAtStart before attaching. */
  sockets: SocketGroup[];
  socketsAtStart: SocketGroup[];
  allocations?: AllocationSummary;
  findings: Finding[];
  /** Series for charts (heapUsed over time), epoch ms and bytes. */
  chart: { time: number[]; heapUsed: number[] };
}

export interface Verdicts {
  heap: HeapLeakResult;
  pools: PoolPressureResult[];
}

export function buildAnalysis(attachment: Attachment, live: LiveRunResult, verdicts: Verdicts, detachOutcome: DetachOutcome, intervalMs: number, gc: boolean): AnalyzeResult {
  const last = live.memorySamples[live.memorySamples.length - 1];
  const sockets = live.socketsAtEnd ?? attachment.sockets.groups;
  const pools = live.poolSummaries.map((summary, index): AnalyzedPool => {
    const verdict = verdicts.pools[index]!;
    return {
      name: summary.name,
      library: summary.library,
      counts: summary.last,
      verdict: verdict.verdict,
      waitingMax: verdict.waitingMax ?? maxOf(live.pools[index]?.waiting),
      saturatedSeconds: verdict.saturatedSeconds,
      sockets: socketsTo(summary.name, sockets),
      reasons: verdict.reasons,
      extra: summary.extra,
    };
  });
  const heap = verdicts.heap;
  const result: AnalyzeResult = {
    target: {
      pid: attachment.target.pid,
      nodeVersion: live.runtime.nodeVersion,
      uptimeSeconds: Math.round(live.runtime.uptimeSeconds),
      heapLimit: live.runtime.heapLimit,
      main: live.runtime.main,
      moduleSystem: live.runtime.moduleSystem,
      inspectorWasOpen: attachment.inspector.wasOpen,
      inspectorAfter: detachOutcome.inspectorAfter,
      inspectorPort: attachment.inspector.port,
      attachMs: attachment.attachMs,
      firstReadingMs: live.firstReadingMs,
    },
    run: {
      intervalMs,
      samples: live.memorySamples.length,
      spanSeconds: heap.spanSeconds,
      gc,
      stoppedEarly: live.stoppedEarly,
      targetGone: live.targetGone,
      warnings: [...live.warnings, ...(detachOutcome.problem ? [detachOutcome.problem] : [])],
    },
    heap: {
      verdict: heap.verdict,
      slopeBytesPerHour: heap.slopeBytesPerHour,
      timeToLimitSeconds: heap.timeToLimitSeconds,
      heapUsed: last?.heapUsed,
      heapLimit: heap.heapLimit ?? live.runtime.heapLimit,
      rss: last?.rss,
      pValue: heap.pValue,
      rSquared: heap.rSquared,
      baseline: heap.baseline,
      reasons: heap.reasons,
    },
    pools,
    poolDiscovery: live.poolDiscovery,
    sockets,
    socketsAtStart: attachment.sockets.groups,
    allocations: live.allocations,
    findings: [],
    chart: { time: live.memorySamples.map((sample) => sample.time), heapUsed: live.memorySamples.map((sample) => sample.heapUsed) },
  };
  result.findings = findingsOf(result);
  return redact(result);
}

/** Exit 1 when the heap leaks or a pool is saturated or leaking clients. */
export function hasErrorFindings(result: AnalyzeResult): boolean {
  return result.findings.some((finding) => finding.severity === 'error');
}

function findingsOf(result: AnalyzeResult): Finding[] {
  const findings: Finding[] = [];
  if (result.heap.verdict === 'leak') {
    const link = heapLeakRule();
    findings.push({ ruleId: link.ruleId, severity: 'error', message: `heap grows ${Math.round(result.heap.slopeBytesPerHour / 1e6)} MB/h; an unbounded cache or collection is the usual cause`, data: { detector: 'heap-leak', code: link.code } });
  }
  for (const pool of result.pools) {
    if (pool.verdict === 'saturated') {
      const link = saturationRule(pool.library);
      if (link) findings.push({ ruleId: link.ruleId, severity: 'error', library: pool.library, message: `${pool.name} is saturated (${pool.counts.inUse ?? '?'}/${pool.counts.max ?? '∞'} in use, up to ${pool.waitingMax ?? 0} waiting): callers queue without a bound`, data: { pool: pool.name, detector: 'pool-pressure', code: link.code } });
    } else if (pool.verdict === 'leaking-clients') {
      const link = leakRule();
      findings.push({ ruleId: link.ruleId, severity: 'error', library: pool.library, message: `${pool.name} is leaking clients: checked out and never released`, data: { pool: pool.name, detector: 'pool-pressure', code: link.code } });
    }
    const unbounded = pool.extra?.unbounded === true || pool.extra?.maxSockets === 'Infinity';
    const link = unboundedRule(pool.library);
    if (unbounded && link && pool.library !== 'http-agent') {
      findings.push({ ruleId: link.ruleId, severity: 'warning', library: pool.library, message: `${pool.name} has no size bound`, data: { pool: pool.name, code: link.code } });
    }
  }
  return findings;
}

/** Established sockets to the host:port a pool label starts with (loopback names treated alike). */
function socketsTo(name: string, groups: SocketGroup[]): number | undefined {
  const match = /\s(\[?[\w.:-]+?\]?):(\d+)(?:\/|$|\s)/.exec(` ${name.split(' ').slice(1).join(' ')}`);
  if (!match) return undefined;
  const host = match[1]!.replace(/^\[|\]$/g, '');
  const port = match[2]!;
  const loopback = (value: string) => value === 'localhost' || value.startsWith('127.') || value === '::1';
  let count = 0;
  for (const group of groups) {
    const remote = /^\[?(.*?)\]?:(\d+)$/.exec(group.remote);
    if (!remote || remote[2] !== port) continue;
    if (remote[1] === host || (loopback(remote[1]!) && loopback(host))) count += group.count;
  }
  return count;
}

function maxOf(column: Float64Array | undefined): number | undefined {
  if (!column || column.length === 0) return undefined;
  let max = -Infinity;
  for (const value of column) if (value > max) max = value;
  return Number.isFinite(max) ? max : undefined;
}
