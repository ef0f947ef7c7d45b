// The analysis's second thread: shallow sizes, then distances, while this thread walks the graph for dominators.
import type { Worker } from 'node:worker_threads';
import type { SnapshotLayout } from '../layout.js';
import type { HeapSnapshot } from '../snapshot.js';
import { compiledWorkerFile, startWorker } from '../../worker-file.js';
import type { Distances } from './distances.js';

/** States of a step (Int32s in shared memory, so this thread can wait on them synchronously with Atomics.wait). */
export const enum StepState { starting, running, done, failed }

/**
 * Slots of the shared state array: the thread itself, then its steps in the order it runs them. The transfer
 * comes first: this thread needs it right after the dominator step. Nothing more runs there: work that keeps the
 * thread (and its 52 MB BFS queue, on 13 M nodes) alive into the peak of the dominator step raises the process's
 * peak memory (docs/heap-engine.md: the statistics and the collection scan were tried there).
 */
export const enum Step { thread, shallowSizes, distances }
const STEP_COUNT = 3;

/** What the worker gets: the snapshot's shared columns and string table, and the shared arrays to fill. */
export interface HelperRequest {
  label: string;
  layout: SnapshotLayout;
  columns: {
    nodeType: Uint8Array; nodeName: Uint32Array; nodeId: Uint32Array; selfSize: Float64Array; detachedness: Uint8Array;
    firstEdge: Uint32Array; edgeType: Uint8Array; edgeNameOrIndex: Uint32Array; edgeTarget: Uint32Array;
  };
  strings: { bytes: Uint8Array; offsets: Uint32Array; length: number; unpaired: [number, string][] };
  distances: Distances;
  /**
   * One StepState per Step. A step goes starting → running (claimed by the thread) → done | failed. The thread
   * claims its steps before it says it started.
   */
  state: Int32Array;
}

/** From this many nodes (distances ~50 ms and up) a thread pays for its start (~40 ms). */
export const PARALLEL_ANALYSIS_FROM = 500_000;
/** How long to wait for the thread to start before computing here (it starts in ~50 ms). */
const START_TIMEOUT_MS = 5_000;
/** How long a started step may take: far above any real snapshot (13 M nodes: ~1.5 s), a bound on a hung one. */
const RUN_TIMEOUT_MS = 600_000;

function isShared(array: ArrayBufferView): boolean {
  return array.buffer instanceof SharedArrayBuffer;
}

export interface HelperOptions {
  /** The worker module (tests point it at broken ones). */
  workerFile?: string | undefined;
  startTimeoutMs?: number;
}

/**
 * Why a second thread: the shallow-size transfer and the distances BFS read only snapshot columns the dominator
 * steps (page-owned flags, essential edges, Lengauer–Tarjan) do not touch, and the dominator steps do not read
 * self sizes, so both run beside them; this thread needs the shallow sizes only for the retained sizes, after LT,
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
    const { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget } = snapshot;
    const columns = { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget };
    const { bytes, offsets, unpaired } = snapshot.strings.raw;
    if (!workerFile || !Object.values(columns).every(isShared) || !isShared(bytes) || !isShared(offsets)) return undefined;
    const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
    // `starting` is 0, what every slot begins with.
    const state = new Int32Array(shared(STEP_COUNT * Int32Array.BYTES_PER_ELEMENT));
    const request: HelperRequest = {
      label: snapshot.label,
      layout: snapshot.layout,
      columns,
      strings: { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), offsets, length: snapshot.strings.length, unpaired: [...unpaired] },
      distances: { distance: new Int32Array(shared(snapshot.nodeCount * 4)), parentEdge: new Uint32Array(shared(snapshot.nodeCount * 4)) },
      state,
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

  /** The distances; undefined when the thread failed or never started (compute here). */
  takeDistances(): Distances | undefined {
    return this.#take(Step.distances) ? this.#request.distances : undefined;
  }

  /**
   * Waits for the thread to start and for `step` to end; true when it is done. A step the thread has not claimed
   * by then is claimed here (the caller computes it). A step still running after RUN_TIMEOUT_MS ends the thread
   * (it hangs); a thread that failed or never started ends by itself (its module threw), and a late one only
   * runs the steps nobody claimed, then ends.
   */
  #take(step: Step, startTimeoutMs = this.#startTimeoutMs): boolean {
    const state = this.#request.state;
    if (Atomics.load(state, Step.thread) === StepState.starting) Atomics.wait(state, Step.thread, StepState.starting, startTimeoutMs);
    Atomics.compareExchange(state, step, StepState.starting, StepState.failed);
    if (Atomics.load(state, step) === StepState.running) Atomics.wait(state, step, StepState.running, RUN_TIMEOUT_MS);
    if (Atomics.load(state, step) === StepState.running) void this.#worker.terminate();
    return Atomics.load(state, step) === StepState.done;
  }
}
