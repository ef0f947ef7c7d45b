// The analysis pipeline: page-owned flags → essential edges → dominators, shallow sizes (DevTools computes them first; they are needed only now) → retained sizes.
import { idleCpus } from '../machine-load.js';
import { silentProgress, type ProgressSink } from '../progress.js';
import { computeClasses, type NodeClasses } from './analysis/class-names.js';
import { computeDistances, type Distances } from './analysis/distances.js';
import { computeDominators } from './analysis/dominators.js';
import { computeEssentialEdges } from './analysis/essential-edges.js';
import { HelperThread, PARALLEL_ANALYSIS_FROM } from './analysis/helper-thread.js';
import { markPageOwned } from './analysis/page-owned.js';
import { buildDominatedNodes, computeRetainedSizes, type DominatedNodes } from './analysis/retained-sizes.js';
import { ScratchMemory } from './analysis/scratch.js';
import { computeShallowSizes } from './analysis/shallow-sizes.js';
import { SummaryThread } from './analysis/summary-thread.js';
import { computeStatisticsSums, type StatisticsSums } from './statistics.js';
import { buildRetainers, type Retainers } from './graph/retainers.js';
import { findCollections, type CollectionTable } from './collections.js';
import type { HeapSnapshot } from './snapshot.js';

export interface AnalyzeOptions {
  progress?: ProgressSink;
  /**
   * Whether a second thread computes the shallow sizes and the distances while this one computes dominators
   * (analysis/helper-thread.ts), and a third the classes and the collection scan while this one finishes
   * (analysis/summary-thread.ts): `auto` (default) from PARALLEL_ANALYSIS_FROM nodes when a CPU is free, `always`
   * (tests), `never`. The result is the same.
   */
  helperThread?: 'auto' | 'always' | 'never';
  /**
   * When the summary thread starts: `auto` (default) with the analysis for small snapshots, after the dominator
   * step for larger ones (summary-thread.ts); `early` and `late` force one (tests, the parity check).
   */
  summaryStart?: 'auto' | 'early' | 'late';
}

/** Wall time of each phase in milliseconds, in pipeline order. */
export type PhaseTimings = Record<string, number>;

/**
 * A snapshot with DevTools-equal retained sizes and the indexes the summaries need. Arrays are indexed by node
 * ordinal. Distances, classes, collections and retainers are computed on first use (they cost memory the core does
 * not need).
 */
export class HeapAnalysis {
  readonly snapshot: HeapSnapshot;
  /**
   * DevTools' "Shallow Size": self size after the hidden/array size transfer. The same array as
   * `snapshot.selfSize`, which the transfer rewrites in place as DevTools does.
   */
  readonly shallowSize: Float64Array;
  readonly retainedSize: Float64Array;
  /** Immediate dominator ordinal (the root's is itself). */
  readonly dominator: Uint32Array;
  readonly dominated: DominatedNodes;
  /** Nodes the root cannot reach over retaining edges (DevTools attaches them to the root). */
  readonly unreachableCount: number;
  readonly timings: PhaseTimings;
  #distances?: Distances;
  #helper?: HelperThread;
  #summaryThread?: SummaryThread;
  /** Which thread computed the distances (set when they are first asked for). */
  distancesThread?: 'worker' | 'main';
  /** Which thread computed the classes and scanned the collections (set when they are first asked for). */
  classesThread?: 'worker' | 'main';
  collectionsThread?: 'worker' | 'main';
  /** Which thread computed the shallow sizes. */
  readonly shallowSizesThread: 'worker' | 'main';
  #classes?: NodeClasses;
  #statisticsSums?: StatisticsSums;
  /** Which thread summed the statistics (set when they are first asked for). */
  statisticsThread?: 'worker' | 'main';
  #collections?: CollectionTable;
  #retainers?: Retainers;
  /**
   * Memory finished phases left free, for the lazy phases and the summaries (`scratch`). Kept as long as the
   * analysis: it is resident until V8 collects it anyway, and reusing it keeps later allocations off the peak.
   */
  readonly scratch: ScratchMemory;

  constructor(snapshot: HeapSnapshot, parts: { shallowSize: Float64Array; retainedSize: Float64Array; dominator: Uint32Array; dominated: DominatedNodes; unreachableCount: number; timings: PhaseTimings; scratch?: ScratchMemory; helper?: HelperThread; summaryThread?: SummaryThread; shallowSizesThread: 'worker' | 'main' }) {
    this.snapshot = snapshot;
    this.shallowSize = parts.shallowSize;
    this.retainedSize = parts.retainedSize;
    this.dominator = parts.dominator;
    this.dominated = parts.dominated;
    this.unreachableCount = parts.unreachableCount;
    this.timings = parts.timings;
    this.scratch = parts.scratch ?? new ScratchMemory();
    this.#helper = parts.helper;
    this.#summaryThread = parts.summaryThread;
    this.shallowSizesThread = parts.shallowSizesThread;
  }

  /** DevTools' distances and the BFS parent edge of each node (for retainer paths). */
  get distances(): Distances {
    if (!this.#distances) {
      // With a helper this times the wait for the thread (usually 0: it finished during the dominator step).
      this.#distances = timed(this.timings, 'distances', () => {
        const fromWorker = this.#helper?.takeDistances();
        this.distancesThread = fromWorker ? 'worker' : 'main';
        return fromWorker ?? computeDistances(this.snapshot, this.scratch);
      });
    }
    return this.#distances;
  }

  /** DevTools' class (Summary "Constructor") of each node. */
  get classes(): NodeClasses {
    // With a thread this times the wait for it (0 when it finished while this thread did other work).
    return (this.#classes ??= timed(this.timings, 'classes', () => {
      const fromWorker = this.#summaryThread?.takeClasses();
      this.classesThread = fromWorker ? 'worker' : 'main';
      return fromWorker ?? computeClasses(this.snapshot, this.scratch);
    }));
  }

  /** The Statistics view's per-category sums (statistics.ts adds the totals). */
  get statisticsSums(): StatisticsSums {
    return (this.#statisticsSums ??= timed(this.timings, 'statistics', () => {
      const fromWorker = this.#summaryThread?.takeStatistics();
      this.statisticsThread = fromWorker ? 'worker' : 'main';
      return fromWorker ?? computeStatisticsSums(this.snapshot, this.shallowSize, this.scratch);
    }));
  }

  /** Every collection of the snapshot (findCollections: one scan per snapshot, shared with the diff input). */
  get collections(): CollectionTable {
    // With a thread this times the wait for it, as for the classes.
    return (this.#collections ??= timed(this.timings, 'collections', () => {
      let thread: 'worker' | 'main' = 'main';
      const table = findCollections(this.snapshot, () => {
        const fromWorker = this.#summaryThread?.takeCollections();
        if (fromWorker) thread = 'worker';
        return fromWorker;
      });
      this.collectionsThread = thread;
      return table;
    }));
  }

  /** All retaining edges of each node (reverse CSR). */
  get retainers(): Retainers {
    return (this.#retainers ??= timed(this.timings, 'retainers', () => buildRetainers(this.snapshot, this.scratch)));
  }

  /** Total of all self sizes; equals the root's retained size. */
  get totalSize(): number {
    return this.retainedSize[this.snapshot.rootOrdinal];
  }
}

function timed<T>(timings: PhaseTimings, phase: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  timings[phase] = Math.round(performance.now() - start);
  return result;
}

/**
 * Runs the dominator pipeline. The snapshot's `selfSize` column becomes DevTools' shallow sizes (in place, as
 * DevTools does; analysing the same snapshot again gives the same result); nothing else in it changes.
 */
export function analyzeSnapshot(snapshot: HeapSnapshot, options: AnalyzeOptions = {}): HeapAnalysis {
  const progress = options.progress ?? silentProgress;
  const mode = options.helperThread ?? 'auto';
  const parallel = mode === 'always' || (mode === 'auto' && snapshot.nodeCount >= PARALLEL_ANALYSIS_FROM && idleCpus() >= 1);
  // Started before the pipeline, its arrays (8 bytes per node for the distances; the transfer's owners, which the
  // distances' queue then reuses) come before the LT peak. What it reads and writes, the steps here do not touch.
  const helper = parallel ? HelperThread.start(snapshot) : undefined;
  const timings: PhaseTimings = {};
  const scratch = new ScratchMemory();
  // Small snapshots: the summary thread starts now and works once the helper is done, during the dominator step
  // (summary-thread.ts); larger ones start it after that step, in its memory, to keep the peak down.
  const start = options.summaryStart ?? 'auto';
  const early = helper !== undefined && (start === 'early' || (start === 'auto' && SummaryThread.startsEarly(snapshot)));
  let summaryThread = early ? SummaryThread.start(snapshot, scratch, { after: helper.state }) : undefined;
  const phases = 5;
  progress('Analysing: page-owned flags', 0, phases);
  const pageOwned = timed(timings, 'pageOwned', () => markPageOwned(snapshot, scratch));
  progress('Analysing: essential edges', 1, phases);
  const essential = timed(timings, 'essentialEdges', () => computeEssentialEdges(snapshot, pageOwned, scratch));
  scratch.release(pageOwned);
  progress('Analysing: dominators', 2, phases);
  const tree = timed(timings, 'dominators', () => computeDominators(snapshot, essential, scratch));
  // The dominator step's memory is free now: the classes are computed in it beside the steps below.
  if (parallel && !early) summaryThread = SummaryThread.start(snapshot, scratch);
  progress('Analysing: shallow sizes', 3, phases);
  // With a helper this times the wait for it (usually 0: it finished during the dominator step).
  let shallowSizesThread: 'worker' | 'main' = 'worker';
  const shallowSize = timed(timings, 'shallowSizes', () => {
    if (helper?.takeShallowSizes()) return snapshot.selfSize;
    shallowSizesThread = 'main';
    return computeShallowSizes(snapshot, scratch);
  });
  progress('Analysing: retained sizes', 4, phases);
  const retainedSize = timed(timings, 'retainedSizes', () => computeRetainedSizes(shallowSize, tree));
  scratch.release(tree.order);
  const dominated = timed(timings, 'dominatedNodes', () => buildDominatedNodes(tree, snapshot.rootOrdinal));
  progress('Analysing', phases, phases);
  return new HeapAnalysis(snapshot, { shallowSize, retainedSize, dominator: tree.dominator, dominated, unreachableCount: tree.unreachableCount, timings, scratch, helper, summaryThread, shallowSizesThread });
}
