// The analysis's second thread: shallow sizes, then distances, while this thread walks the graph for dominators.
import type { Worker } from 'node:worker_threads';
import type { HeapSnapshot } from '../snapshot.js';
import { compiledWorkerFile, startWorker } from '../../worker-file.js';
import type { Distances } from './distances.js';
import { shareSnapshot, type SharedSnapshotParts } from './shared-snapshot.js';
import { stateWords, takeStep } from './thread-steps.js';

/**
 * Slots of the shared state array (thread-steps.ts): the thread itself, then its steps in the order it runs them.
 * The transfer comes first: this thread needs it right after the dominator step. Nothing more runs there: work
 * that keeps the thread (and its 52 MB BFS queue, on 13 M nodes) alive into the peak of the dominator step raises
 * the process's peak memory (docs/heap-engine.md: the statistics and the collection scan were tried there; the
 * classes and the collection scan run on the summary thread after that step, summary-thread.ts).
 */
export const enum Step { thread, shallowSizes, distances }
const STEP_COUNT = 2;

/** What the worker gets: the snapshot's shared columns and string table, and the shared arrays to fill. */
export interface HelperRequest extends SharedSnapshotParts {
  distances: Distances;
  /** One StepState per Step (thread-steps.ts). */
  state: Int32Array;
}

/** From this many nodes (distances ~50 ms and up) a thread pays for its start (~40 ms). */
export const PARALLEL_ANALYSIS_FROM = 500_000;
/** How long to wait for the thread to start before computing here (it starts in ~50 ms). */
export const START_TIMEOUT_MS = 5_000;

export interface HelperOptions {
  /** The worker module (tests point it at broken ones). */
  workerFile?: string | undefined;
  startTimeoutMs?: number;
}

/**
 * Why a second thread: the shallow-size transfer and the distances BFS read only snapshot columns the dominator
 * steps (page-owned flags, essential edges, the dominator tree) do not touch, and the dominator steps do not read
 * self sizes, so both run beside them; this thread needs the shallow sizes only for the retained sizes, after that,
 * and the distances only for the summaries' paths.
 */
export class HelperThread {
  readonly #worker: Worker;
  readonly #request: HelperRequest;
  readonly #startTimeoutMs: number;

  private constructor(worker: Worker, request: HelperRequest, startTimeoutMs: number) {
    this.#worker = worker;
    this.#request = request;
    this.#startTimeoutMs = startTimeoutMs;
  }

  /**
   * Starts the thread when every column it reads or writes is shared (the reader's node columns and string table
   * always are; the edge columns when its edge thread ran) and the worker module exists; else undefined.
   */
  static start(snapshot: HeapSnapshot, { workerFile = compiledWorkerFile(import.meta.url, 'helper-worker'), startTimeoutMs = START_TIMEOUT_MS }: HelperOptions = {}): HelperThread | undefined {
    const parts = shareSnapshot(snapshot);
    if (!workerFile || !parts) return undefined;
    const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
    const request: HelperRequest = {
      ...parts,
      distances: { distance: new Int32Array(shared(snapshot.nodeCount * 4)), parentEdge: new Uint32Array(shared(snapshot.nodeCount * 4)) },
      state: stateWords(STEP_COUNT),
    };
    try {
      const worker = startWorker(workerFile, request);
      // Failures are read from the shared state: this thread may be blocked in Atomics.wait, deaf to events.
      worker.on('error', () => {});
      worker.unref();
      return new HelperThread(worker, request, startTimeoutMs);
    } catch {
      return undefined;
    }
  }

  /**
   * Whether the thread turned the snapshot's self sizes into shallow sizes, waiting for it to start and to finish
   * the step. False when it failed, or had not started within `startTimeoutMs`: the step is then claimed here with
   * a compare-and-swap on its state, so a thread that starts later skips it, this thread computes the sizes, and
   * the two never write them at once. A thread that failed halfway writes no more and left nothing a second run
   * gets wrong (the transfer is idempotent, shallow-sizes.ts).
   */
  takeShallowSizes(startTimeoutMs = this.#startTimeoutMs): boolean {
    return this.#take(Step.shallowSizes, startTimeoutMs);
  }

  /** The thread's state words (thread-steps.ts), for a thread that waits until this one ends. */
  get state(): Int32Array {
    return this.#request.state;
  }

  /** The distances; undefined when the thread failed or never started (compute here). */
  takeDistances(): Distances | undefined {
    return this.#take(Step.distances) ? this.#request.distances : undefined;
  }

  #take(step: Step, startTimeoutMs = this.#startTimeoutMs): boolean {
    return takeStep(this.#request.state, step, this.#worker, startTimeoutMs);
  }
}
