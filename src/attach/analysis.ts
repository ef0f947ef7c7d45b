// The result of `pooldoc analyze`: what was gathered live plus the detectors' verdicts, joined into one
// typed, redacted object (the --json contract) with findings linked to the audit rule that catches them in CI.
import { MIN_POOL_SAMPLES } from '../detect/pool-pressure.js';
import { formatBytes, formatDuration, formatRate } from '../units.js';
import type { SnapshotGrowth } from '../detect/snapshot-growth.js';
import type { HeapLeakResult, PoolPressureResult } from '../detect/types.js';
import type { Finding, PoolVerdict, Verdict } from '../findings.js';
import type { PoolCounts } from '../pools/runtime-types.js';
import { redact } from '../redact.js';
import type { SocketGroup } from '../series/types.js';
import type { AllocationSummary } from './allocation-profile.js';
import type { LiveRunResult, PoolDiscovery } from './live-run.js';
import { linkRule, type LinkSituation } from './rule-links.js';
import type { Attachment, DetachOutcome } from './session.js';
import type { SnapshotReport } from './snapshot-step.js';

export interface AnalyzedPool {
  name: string;
  library: string;
  counts: PoolCounts;
  verdict: PoolVerdict;
  /** Readings the verdict rests on (fewer than MIN_POOL_SAMPLES: a short run, said in the finding). */
  samples: number;
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
    /** Epoch ms of the first memory reading (time-to-first-reading from outside). */
    firstReadingAt?: number;
  };
  run: {
    intervalMs: number; samples: number; spanSeconds: number; gc: boolean; stoppedEarly: boolean; targetGone: boolean; warnings: string[];
    /** Collections the target did on its own, seen by pooldoc's GC observer (null: its Node has no v8.GCProfiler). */
    gcObserved: { majors: number; minors: number } | null;
    /** Builtins pooldoc's own evaluations loaded into the target: pooldoc's, not the app's. */
    pooldocModules: string[];
  };
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
    /** 95 % interval of the slope (bytes/h), when there was a fit. */
    slopeInterval?: [number, number];
    /** The leak line: leak when the limit is reached within this many seconds, `growing` when later. */
    horizonSeconds?: number;
    /** True when the heap limit was not read from the target and the projection assumed V8's default. */
    heapLimitAssumed?: boolean;
    /** A level that stepped up and held (the reason for a `growing` verdict without a slope). */
    step?: { bytes: number; at: number };
  };
  pools: AnalyzedPool[];
  poolDiscovery?: PoolDiscovery;
  /** Established sockets by endpoint at the end of the run (from /proc); socketsAtStart before attaching. */
  sockets: SocketGroup[];
  socketsAtStart: SocketGroup[];
  allocations?: AllocationSummary;
  snapshot?: SnapshotReport;
  /** `--snapshots N`: the diff over the live snapshots (same analysis and rows as `pooldoc diff`). */
  snapshots?: SnapshotGrowth & { files: string[]; times: number[]; pausesMs: number[]; nodeCount: number[]; totalSize: number[] };
  findings: Finding[];
  /** Series for charts (heapUsed over time), epoch ms and bytes. */
  chart: { time: number[]; heapUsed: number[] };
}

/** New pool instances of one library during a run that make a finding. */
const MIN_APPEARED_POOLS = 2;

export interface Verdicts {
  heap: HeapLeakResult;
  pools: PoolPressureResult[];
  /** Verdict over the --snapshots sequence, when two or more were taken. */
  growth?: SnapshotGrowth;
}

export function buildAnalysis(attachment: Attachment, live: LiveRunResult, verdicts: Verdicts, detachOutcome: DetachOutcome, run: { intervalMs: number; gc: boolean; knownRuleIds: ReadonlySet<string> }): AnalyzeResult {
  const { intervalMs, gc } = run;
  const last = live.memorySamples[live.memorySamples.length - 1];
  const sockets = live.socketsAtEnd ?? attachment.sockets.groups;
  const pools = live.poolSummaries.map((summary, index): AnalyzedPool => {
    const verdict = verdicts.pools[index]!;
    return {
      name: summary.name,
      library: summary.library,
      counts: summary.last,
      verdict: verdict.verdict,
      samples: verdict.samples,
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
      firstReadingAt: live.firstReadingAt,
    },
    run: {
      intervalMs,
      samples: live.memorySamples.length,
      spanSeconds: heap.spanSeconds,
      gc,
      stoppedEarly: live.stoppedEarly,
      targetGone: live.targetGone,
      warnings: [...live.warnings, ...(detachOutcome.problem ? [detachOutcome.problem] : [])],
      gcObserved: live.gcObserved,
      pooldocModules: live.pooldocModules,
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
      slopeInterval: heap.slopeInterval,
      horizonSeconds: heap.horizonSeconds,
      heapLimitAssumed: heap.heapLimitAssumed,
      step: heap.step,
    },
    pools,
    poolDiscovery: live.poolDiscovery,
    sockets,
    socketsAtStart: attachment.sockets.groups,
    allocations: live.allocations,
    snapshot: live.snapshot,
    snapshots: live.snapshotSeries && verdicts.growth
      ? { files: live.snapshotSeries.files, times: live.snapshotSeries.times, pausesMs: live.snapshotSeries.pausesMs, nodeCount: live.snapshotSeries.series.nodeCount, totalSize: live.snapshotSeries.series.totalSize, ...verdicts.growth }
      : undefined,
    findings: [],
    chart: { time: live.memorySamples.map((sample) => sample.time), heapUsed: live.memorySamples.map((sample) => sample.heapUsed) },
  };
  result.findings = findingsOf(result, run.knownRuleIds);
  return redact(result);
}

/** Exit 1 when the heap leaks or a pool is saturated or leaking clients. */
export function hasErrorFindings(result: AnalyzeResult): boolean {
  return result.findings.some((finding) => finding.severity === 'error');
}

function findingsOf(result: AnalyzeResult, knownRuleIds: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  // ruleId is the audit rule that would have caught it in CI, else the detector that saw it live.
  const add = (situation: LinkSituation, detector: string, severity: Finding['severity'], message: string, pool?: AnalyzedPool, library = pool?.library) => {
    const link = linkRule(situation, library, knownRuleIds);
    findings.push({ ruleId: link?.ruleId ?? detector, severity, message, library, data: { detector, pool: pool?.name, auditRule: link?.ruleId, code: link?.code } });
  };
  const toLimit = result.heap.timeToLimitSeconds !== null ? `, reaching the limit in ~${formatDuration(result.heap.timeToLimitSeconds)}` : '';
  if (result.heap.verdict === 'leak') {
    add('heap-leak', 'heap-leak', 'error', `heap grows ${formatRate(result.heap.slopeBytesPerHour)}${toLimit}; an unbounded cache or collection is the usual cause`);
  } else if (result.heap.verdict === 'growing') {
    // Certain but slower than the horizon (or a step that held): worth a look, not a page at 3 a.m.
    const what = result.heap.step ? `the heap stepped up ${formatBytes(result.heap.step.bytes)} and held` : `heap grows ${formatRate(result.heap.slopeBytesPerHour)}${toLimit}`;
    add('heap-leak', 'heap-leak', 'warning', `${what}: certain growth, slower than the leak horizon`);
  }
  const leaking = result.snapshots?.growing.filter((growing) => growing.verdict === 'leak') ?? [];
  // A growing collection is the precise culprit; the objects that hold it grow with it, so they are named only
  // when no collection leaks (the tables in the report still list them).
  const culprits = leaking.some((row) => row.measure === 'entries') ? leaking.filter((row) => row.measure === 'entries') : leaking;
  for (const row of culprits.slice(0, 3)) {
    const what = row.kind === row.name ? row.kind : `${row.kind} ${row.name}`;
    const values = row.measure === 'entries' ? `${row.entries.join(' → ')} entries` : `${row.retainedSize.map((bytes) => `${Math.round(bytes / 1000)} kB`).join(' → ')} retained`;
    const perMinute = row.perSecond !== undefined ? `, +${Math.round(row.perSecond * 60 * (row.measure === 'entries' ? 1 : 1 / 1000))}${row.measure === 'entries' ? '' : ' kB'}/min` : '';
    add('heap-leak', 'snapshot-growth', 'error', `${what} ${row.path || `@${row.id}`} grows in every snapshot: ${values}${perMinute}`);
  }
  for (const [library, count] of Object.entries(result.poolDiscovery?.appeared ?? {})) {
    // One new pool can be a lazy init; several in one run is a pool built per request or per job.
    if (count < MIN_APPEARED_POOLS) continue;
    add('pools-appearing', 'live-pools', 'warning', `${count} new ${library} pool instances appeared during the run: a pool created per request or per job never shares its connections`, undefined, library);
  }
  for (const pool of result.pools) {
    if (pool.verdict === 'saturated') {
      // A short run is judged on every sample being full (detect/pool-pressure): say how little it rests on.
      const short = pool.samples < MIN_POOL_SAMPLES ? ` in every one of ${pool.samples} readings of a short run (run longer for episodes and the client-leak check)` : '';
      add('saturated', 'pool-pressure', 'error', `${pool.name} is saturated${short} (${pool.counts.inUse ?? '?'}/${pool.counts.max ?? '∞'} in use, up to ${pool.waitingMax ?? 0} waiting): callers queue without a bound`, pool);
    } else if (pool.verdict === 'leaking-clients') {
      add('leaking-clients', 'pool-pressure', 'error', `${pool.name} is leaking clients: checked out and never released`, pool);
    }
    const unbounded = pool.extra?.unbounded === true || (pool.library !== 'http-agent' && pool.extra?.maxSockets === 'Infinity');
    if (unbounded) add('unbounded', 'live-config', 'warning', `${pool.name} has no size bound`, pool);
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
