// The opt-in snapshot step of `analyze`: gate on memory headroom, announce the pause, take and stream each
// snapshot; the last one gives the largest collections and the pool attribution, and with --snapshots N the
// sequence feeds the same diff tracker as `pooldoc diff`.
import { analyzeSnapshot, diffInputOf, largestCollections, SnapshotSequence, type Collection, type DiffInput, type HeapAnalysis, type HeapSnapshot, type SnapshotSequenceResult } from '../heap/index.js';
import { PooldocError } from '../errors.js';
import { attributePools, type PoolHeapAttribution } from '../pools/runtime/heap-attribution.js';
import type { CdpSession } from './cdp-session.js';
import { readHeadroom, SNAPSHOT_MEMORY_FACTOR, type Headroom } from './headroom.js';
import { disableHeapProfiler, takeHeapSnapshot } from './heap-snapshot.js';

/** Reference: 48.9 MB of heap took 5.1–8.9 s; announce ~0.15 s per MB, at least a few seconds. */
const SNAPSHOT_SECONDS_PER_MB = 0.15;
const TOP_COLLECTIONS = 10;

/** One snapshot at the end (`--snapshot`), or `files.length` snapshots `everyMs` apart from the start (`--snapshots`). */
export interface SnapshotPlan {
  files: string[];
  everyMs: number;
  force: boolean;
  /** Objects followed across snapshots that get a retainer path (see detect/snapshot-growth). */
  objectLimit: number;
}

export interface SnapshotReport {
  file: string;
  bytes: number;
  pauseMs: number;
  nodeCount: number;
  headroom: Headroom;
  pools: PoolHeapAttribution[];
  collections: Collection[];
}

/** The sequence of a `--snapshots` run, for detect/snapshot-growth. */
export interface SnapshotSeriesReport {
  files: string[];
  /** Seconds since the first snapshot began. */
  times: number[];
  pausesMs: number[];
  series: SnapshotSequenceResult;
}

/** Throws unless the headroom covers ~20× heapUsed (or --force); returns the headroom and the expected pause. */
export function checkSnapshotHeadroom(pid: number, heapUsed: number, force: boolean): { headroom: Headroom; expectedPauseSeconds: number } {
  const headroom = readHeadroom(pid);
  const needed = SNAPSHOT_MEMORY_FACTOR * heapUsed;
  if (!force && headroom.available !== undefined && headroom.available < needed) {
    const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
    throw new PooldocError(`--snapshot refused: a snapshot may add up to ${SNAPSHOT_MEMORY_FACTOR}× the heap used (${mb(needed)}) to the target's memory, only ${mb(headroom.available)} is free (cgroup ${headroom.cgroupFree !== undefined ? mb(headroom.cgroupFree) : 'unlimited'}, MemAvailable ${headroom.memAvailable !== undefined ? mb(headroom.memAvailable) : '?'}); pass --force to take it anyway`);
  }
  return { headroom, expectedPauseSeconds: Math.max(2, (heapUsed / 1e6) * SNAPSHOT_SECONDS_PER_MB) };
}

/** `base` for one snapshot; `base-1`, `base-2`, … (before a .heapsnapshot extension) for several. */
export function snapshotFiles(base: string, count: number): string[] {
  if (count === 1) return [base];
  const match = /^(.*?)(\.heapsnapshot)?$/.exec(base)!;
  return Array.from({ length: count }, (_, index) => `${match[1]}-${index + 1}${match[2] ?? '.heapsnapshot'}`);
}

/**
 * Takes the planned snapshots one at a time. Only the latest snapshot and its analysis stay in memory (the
 * sequence keeps compact digests of the earlier ones), so N snapshots cost about two in pooldoc's memory at most
 * (the previous one is kept while the next is read).
 */
export class LiveSnapshots {
  readonly #sequence = new SnapshotSequence();
  readonly #taken: { file: string; bytes: number; pauseMs: number; startedAt: number }[] = [];
  #last?: { snapshot: HeapSnapshot; analysis: HeapAnalysis; input?: DiffInput };

  constructor(
    private readonly session: CdpSession,
    private readonly pid: number,
    private readonly plan: SnapshotPlan,
    private readonly headroom: Headroom,
  ) {}

  get remaining(): number {
    return this.plan.files.length - this.#taken.length;
  }

  /** When the next snapshot is due, relative to the start of sampling (a single snapshot is due at the end). */
  nextDueMs(): number {
    return this.plan.files.length === 1 ? Infinity : this.#taken.length * this.plan.everyMs;
  }

  async takeNext(): Promise<void> {
    const file = this.plan.files[this.#taken.length]!;
    const startedAt = Date.now();
    // The previous snapshot stays until this one is read: if the target dies meanwhile, it is what gets reported.
    const taken = await takeHeapSnapshot(this.session, file, `pid ${this.pid} snapshot`, { keepEnabled: this.plan.files.length > 1 });
    const analysis = analyzeSnapshot(taken.snapshot);
    const input = this.plan.files.length > 1 ? diffInputOf(taken.snapshot, analysis) : undefined;
    if (input) this.#sequence.add(input);
    this.#taken.push({ file: taken.file, bytes: taken.bytes, pauseMs: Math.round(taken.pauseMs), startedAt });
    this.#last = { snapshot: taken.snapshot, analysis, input };
  }

  /** Turns HeapProfiler off again (a series kept it on so object ids stay stable); safe to call on any path. */
  async close(): Promise<void> {
    if (this.plan.files.length > 1) await disableHeapProfiler(this.session);
  }

  /** The last snapshot's report, and the sequence when two or more were taken. */
  finish(): { last?: SnapshotReport; series?: SnapshotSeriesReport } {
    const lastTaken = this.#taken[this.#taken.length - 1];
    if (!lastTaken || !this.#last) return {};
    const { snapshot, analysis, input } = this.#last;
    const last: SnapshotReport = {
      file: lastTaken.file,
      bytes: lastTaken.bytes,
      pauseMs: lastTaken.pauseMs,
      nodeCount: snapshot.nodeCount,
      headroom: this.headroom,
      pools: attributePools(analysis),
      collections: largestCollections(analysis, { top: TOP_COLLECTIONS }),
    };
    if (!input || this.#sequence.count < 2) return { last };
    const first = this.#taken[0]!.startedAt;
    return {
      last,
      series: {
        files: this.#taken.map((taken) => taken.file),
        times: this.#taken.map((taken) => (taken.startedAt - first) / 1000),
        pausesMs: this.#taken.map((taken) => taken.pauseMs),
        series: this.#sequence.finish(input, this.plan.objectLimit),
      },
    };
  }
}
