// One live run against an attached target: target facts, memory samples every interval, live pool counters,
// optional allocation sampling; stops at the duration, on abort (Ctrl-C) or when the target goes away,
// always returning what was gathered.
import { RUNTIME_POOL_LIBRARIES } from '../pools/runtime/index.js';
import type { MemorySeries, PoolSeries, SocketGroup } from '../series/types.js';
import { delay } from './activate.js';
import { startAllocationSampling, stopAllocationSampling, type AllocationSummary } from './allocation-profile.js';
import { isContextGone, SessionClosedError } from './cdp-session.js';
import { evaluateValue } from './evaluate.js';
import { GcObserver } from './gc-observer.js';
import { LivePools } from './live-pools.js';
import { MemorySeriesBuilder, readHeapLimitFallback, readMemory, SAMPLE_TIMEOUT_MS, type MemorySample } from './memory-sampler.js';
import { PoolSeriesBuilder, type LivePoolSummary } from './pool-series.js';
import { processExists } from './proc.js';
import type { Attachment } from './session.js';
import { checkSnapshotHeadroom, LiveSnapshots, type SnapshotPlan, type SnapshotReport, type SnapshotSeriesReport } from './snapshot-step.js';
import { endpoint, readProcessSockets } from './sockets.js';

export interface LiveRunOptions {
  intervalMs: number;
  /** Infinity: until aborted. */
  durationMs: number;
  gc: boolean;
  pools: boolean;
  allocations: boolean;
  /** Opt-in heap snapshots (headroom-gated): one at the end, or N spaced from the start of sampling. */
  snapshot?: SnapshotPlan;
  /** Announcements the user must see before they happen (the snapshot pause). */
  notice?: (message: string) => void;
  signal?: AbortSignal;
  /** Called after every sample (the live terminal view). */
  onSample?: (progress: LiveProgress) => void;
}

export interface LiveProgress {
  memory: readonly MemorySample[];
  pools: number;
  elapsedMs: number;
}

export interface TargetRuntime {
  pid: number;
  nodeVersion: string;
  uptimeSeconds: number;
  heapLimit?: number;
  /** Script the process runs (argv[1]); module system of the entry point. */
  main?: string;
  moduleSystem: 'cjs' | 'esm-or-other';
}

export interface PoolDiscovery {
  /** Pause of the discovery walk at the start, and how many instances it found (those are sampled). */
  pauseMs: number;
  instances: number;
  /** Pool instances per library that appeared during the run (a second walk at the end), and its pause. */
  appeared?: Record<string, number>;
  endPauseMs?: number;
}

export interface LiveRunResult {
  runtime: TargetRuntime;
  memorySamples: MemorySample[];
  memory: MemorySeries;
  pools: PoolSeries[];
  poolSummaries: LivePoolSummary[];
  poolDiscovery?: PoolDiscovery;
  allocations?: AllocationSummary;
  snapshot?: SnapshotReport;
  /** Two or more snapshots taken (`--snapshots`): what the diff analysis needs. */
  snapshotSeries?: SnapshotSeriesReport;
  /** Milliseconds from the start of the run to the first memory reading, and its epoch time. */
  firstReadingMs?: number;
  firstReadingAt?: number;
  /** Established sockets read from /proc at the end of the run (the inspector's own connection left out). */
  socketsAtEnd?: SocketGroup[];
  /** Collections the target did on its own during the run (null: its Node has no v8.GCProfiler). */
  gcObserved: { majors: number; minors: number } | null;
  /** Builtins pooldoc's own evaluations loaded into the target (they stay: a module cannot be unloaded). */
  pooldocModules: string[];
  targetGone: boolean;
  stoppedEarly: boolean;
  warnings: string[];
}

const RUNTIME_EXPRESSION = `({ pid: process.pid, nodeVersion: process.version, uptimeSeconds: process.uptime(),
  main: process.argv[1], moduleSystem: process.mainModule ? 'cjs' : 'esm-or-other' })`;

export async function runLive(attachment: Attachment, options: LiveRunOptions): Promise<LiveRunResult> {
  const { session, target } = attachment;
  const started = performance.now();
  const memory = new MemorySeriesBuilder();
  const poolBuilder = new PoolSeriesBuilder();
  const warnings: string[] = [];
  let targetGone = false;
  let livePools: LivePools | undefined;
  let allocations: AllocationSummary | undefined;
  let appeared: { pauseMs: number; libraries: Record<string, number> } | undefined;

  const isGone = (error: unknown): boolean => error instanceof SessionClosedError || isContextGone(error) || !processExists(target.pid);
  const runtime = await evaluateValue<TargetRuntime>(session, RUNTIME_EXPRESSION, { timeoutMs: SAMPLE_TIMEOUT_MS });
  const processStart = Date.now() - runtime.uptimeSeconds * 1000;
  // Before the first reading: its install is the one evaluation that loads a builtin (v8), so it can say which.
  const gcObserver = await installGcObserver(attachment, options.intervalMs, warnings, isGone);
  let first: MemorySample;
  try {
    // The first reading comes before pool discovery, whose heap walk is the slow part.
    first = await readMemory(session, { gc: options.gc });
  } catch (error) {
    await gcObserver?.stop();
    throw error;
  }
  const firstReadingMs = performance.now() - started;
  runtime.heapLimit = first.heapLimit ?? (await readHeapLimitFallback(session));
  memory.push({ ...first, heapLimit: runtime.heapLimit });
  // Refuse a snapshot before watching, not after: the user should not wait 30 s for a refusal.
  const snapshotGate = options.snapshot ? checkSnapshotHeadroom(target.pid, first.heapUsed, options.snapshot.force) : undefined;
  const snapshots = options.snapshot && snapshotGate ? new LiveSnapshots(session, target.pid, options.snapshot, snapshotGate.headroom) : undefined;
  const takeSnapshot = async (): Promise<void> => {
    const count = options.snapshot!.files.length;
    const which = count > 1 ? ` ${count - snapshots!.remaining + 1}/${count}` : '';
    options.notice?.(`taking heap snapshot${which}: the target pauses for about ${Math.round(snapshotGate!.expectedPauseSeconds)} s and its memory may grow by up to 20× the heap used`);
    await snapshots!.takeNext();
  };

  try {
    if (options.allocations) await startAllocationSampling(session);
    const settleMs = Math.max(POOL_SETTLE_AFTER_PAUSE_MS, 2 * options.intervalMs);
    /** Pool counters are not read before this time (performance.now()): see POOL_SETTLE_AFTER_PAUSE_MS. */
    let poolsSettleUntil = 0;
    if (options.pools) {
      livePools = await LivePools.discover(session, RUNTIME_POOL_LIBRARIES);
      // The discovery walk paused the target too: its first reading waits for the backlog to clear, unless the
      // run is too short to wait (then one biased reading beats none).
      if (options.durationMs < settleMs + options.intervalMs) poolBuilder.push(Date.now(), await livePools.read());
      else poolsSettleUntil = performance.now() + settleMs;
    }
    // --duration counts sampling time: the discovery pause above does not eat into it.
    const loopStart = performance.now();
    options.onSample?.({ memory: memory.samples, pools: livePools?.count ?? 0, elapsedMs: 0 });
    let next = loopStart + options.intervalMs;
    while (!options.signal?.aborted && performance.now() - loopStart < options.durationMs) {
      if (snapshots && snapshots.remaining > 0 && performance.now() - loopStart >= snapshots.nextDueMs()) {
        await takeSnapshot();
        // The pause put sampling behind: resume on a fresh beat instead of a burst of catch-up samples.
        next = Math.max(next, performance.now() + options.intervalMs);
        poolsSettleUntil = performance.now() + settleMs;
        continue;
      }
      await sleepUntil(Math.min(next, loopStart + (snapshots?.remaining ? snapshots.nextDueMs() : Infinity)), options.signal);
      if (options.signal?.aborted) break;
      if (performance.now() < next) continue; // woke for a snapshot
      next += options.intervalMs;
      try {
        memory.push({ ...(await readMemory(session, { gc: options.gc })), heapLimit: runtime.heapLimit });
        await gcObserver?.drain();
        if (livePools && performance.now() >= poolsSettleUntil) poolBuilder.push(Date.now(), await livePools.read());
      } catch (error) {
        if (isGone(error)) throw error;
        // A busy target may miss one sample; the series stays honest (fewer points), the run goes on.
        warnings.push(`sample skipped at ${new Date().toISOString()}: ${(error as Error).message}`);
      }
      options.onSample?.({ memory: memory.samples, pools: livePools?.count ?? 0, elapsedMs: performance.now() - loopStart });
    }
    if (options.allocations) allocations = await stopAllocationSampling(session);
    if (livePools && !options.signal?.aborted) {
      try {
        appeared = await livePools.appearedSince();
      } catch (error) {
        if (isGone(error)) throw error;
        warnings.push(`pools created during the run not counted: ${(error as Error).message}`);
      }
    }
    // The last planned snapshot is due at the end of the run (the only one, for --snapshot); Ctrl-C skips it.
    if (snapshots && snapshots.remaining > 0 && !options.signal?.aborted) await takeSnapshot();
  } catch (error) {
    if (!isGone(error)) throw error;
    targetGone = true;
  } finally {
    await gcObserver?.stop();
    await livePools?.release();
    await snapshots?.close();
  }
  // Sockets again at the end (pools grow during the run), without pooldoc's own inspector connection.
  let socketsAtEnd: SocketGroup[] | undefined;
  if (!targetGone) {
    try {
      socketsAtEnd = readProcessSockets(target.pid).groups.filter((group) => group.remote !== `inbound ${endpoint('127.0.0.1', attachment.inspector.port)}` && group.remote !== `inbound ${endpoint('::1', attachment.inspector.port)}`);
    } catch {
      socketsAtEnd = undefined; // exited just now: the start reading stands
    }
  }
  // Whatever was taken is reported, even when the target died or Ctrl-C came between snapshots.
  const { last: snapshot, series: snapshotSeries } = snapshots?.finish() ?? {};
  const source = `pid ${target.pid}`;
  const pools = poolBuilder.toSeries(source);
  warnings.push(...pools.errors.map((message) => `pool counters: ${message}`));
  return {
    runtime,
    memorySamples: memory.samples,
    // One pid and one process start for the whole run: the series carries that evidence and no restart marker.
    memory: memory.toSeries(source, `${target.pid}`, { gcEvents: gcObserver?.available ? gcObserver.events : undefined, processStart }),
    pools: pools.series,
    poolSummaries: pools.summaries,
    poolDiscovery: livePools ? { pauseMs: Math.round(livePools.pauseMs), instances: livePools.count, ...(appeared ? { appeared: appeared.libraries, endPauseMs: Math.round(appeared.pauseMs) } : {}) } : undefined,
    allocations,
    snapshot,
    snapshotSeries,
    firstReadingMs: Math.round(firstReadingMs),
    firstReadingAt: first.time,
    socketsAtEnd,
    gcObserved: gcObserver?.available ? { majors: gcObserver.events.filter((event) => event.kind === 'major').length, minors: gcObserver.events.filter((event) => event.kind === 'minor').length } : null,
    pooldocModules: gcObserver?.loadedModules ?? [],
    targetGone,
    stoppedEarly: options.signal?.aborted ?? false,
    warnings,
  };
}

/** The GC observer, or undefined (with a warning) when the target refused it: the run goes on with raw samples. */
async function installGcObserver(attachment: Attachment, intervalMs: number, warnings: string[], isGone: (error: unknown) => boolean): Promise<GcObserver | undefined> {
  try {
    const observer = await GcObserver.install(attachment.session, intervalMs);
    if (!observer.available) warnings.push(`no v8.GCProfiler in ${attachment.target.pid}'s Node (before 18.15): the heap baseline comes from raw samples`);
    return observer;
  } catch (error) {
    if (isGone(error)) throw error;
    warnings.push(`GC observation unavailable: ${(error as Error).message}`);
    return undefined;
  }
}

function sleepUntil(time: number, signal?: AbortSignal): Promise<void> {
  const wait = Math.max(0, time - performance.now());
  if (!signal) return delay(wait);
  return new Promise((resolve) => {
    const timer = setTimeout(done, wait);
    function done(): void {
      clearTimeout(timer);
      signal!.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * After a pause pooldoc caused (a snapshot: seconds; the pool-discovery heap walk: 0.1–1 s), pool counters show
 * the backlog the pause built up — every request that waited now holds a client — not the pool's own behaviour.
 * Such readings lifted the in-use floor for one window, and its fall back the next window hid a real client leak
 * (the demo's pg pool read "ok" in some runs). Pool readings resume this long (or two intervals) after the pause;
 * memory samples are kept: the heap is what a snapshot is about.
 */
const POOL_SETTLE_AFTER_PAUSE_MS = 1_000;
