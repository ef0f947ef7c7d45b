// The analysis's second thread: shallow sizes, then distances, while this thread walks the graph for dominators.
import type { Worker } from 'node:worker_threads';
import type { SnapshotLayout } from '../layout.js';
import type { HeapSnapshot } from '../snapshot.js';
import { compiledWorkerFile, startWorker } from '../../worker-file.js';
import type { Distances } from './distances.js';

/** States of a step (Int32s in shared memory, so this thread can wait on them synchronously with Atomics.wait). */
export const enum StepState { starting, running, done, failed }

/** Slots of the shared state array: the thread itself (its last step), and the shallow sizes it gives first. */
export const enum Step { thread = 0, shallowSizes = 1 }

/** What the worker gets: the snapshot's shared columns and string table, and the shared arrays to fill. */
export interface HelperRequest {
  label: string;
  layout: SnapshotLayout;
  columns: {
    nodeType: Uint8Array; nodeName: Uint32Array; nodeId: Uint32Array; selfSize: Float64Array; detachedness: Uint8Array;
    firstEdge: Uint32Array; edgeType: Uint8Array; edgeNameOrIndex: Uint32Array; edgeTarget: Uint32Array;
  };
  strings: { bytes: Uint8Array; offsets: Uint32Array; length: number; unpaired: [number, string][] };
  /** Whether the thread first turns `columns.selfSize` into shallow sizes (shallow-sizes.ts), in place. */
  shallowSizes: boolean;
  result: Distances;
  /** One StepState per Step. A step goes starting → running (claimed by the thread) → done | failed. */
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

/**
 * Why a second thread: the shallow-size transfer and the distances BFS read only snapshot columns the dominator
 * steps (page-owned flags, essential edges, Lengauer–Tarjan) do not touch, and the dominator steps do not read
 * self sizes, so both run beside them; this thread needs the shallow sizes only for the retained sizes, after LT.
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
   * `shallowSizes`: whether it also does the shallow-size transfer (then only `takeShallowSizes` may say it did).
   */
  static start(snapshot: HeapSnapshot, { shallowSizes = true, workerFile = compiledWorkerFile(import.meta.url, 'helper-worker'), startTimeoutMs = START_TIMEOUT_MS } = {}): HelperThread | undefined {
    const { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget } = snapshot;
    const columns = { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget };
    const { bytes, offsets, unpaired } = snapshot.strings.raw;
    if (!workerFile || !Object.values(columns).every(isShared) || !isShared(bytes) || !isShared(offsets)) return undefined;
    const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
    const request: HelperRequest = {
      label: snapshot.label,
      layout: snapshot.layout,
      columns,
      strings: { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), offsets, length: snapshot.strings.length, unpaired: [...unpaired] },
      shallowSizes,
      result: { distance: new Int32Array(shared(snapshot.nodeCount * 4)), parentEdge: new Uint32Array(shared(snapshot.nodeCount * 4)) },
      state: new Int32Array(shared(2 * Int32Array.BYTES_PER_ELEMENT)),
    };
    // A step not asked for is settled from the start (`starting` is 0, what the other slots begin with).
    if (!shallowSizes) request.state[Step.shallowSizes] = StepState.failed;
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
   * Whether the thread turned the snapshot's self sizes into shallow sizes, waiting for it to start (it claims the
   * step first thing) and to finish the step. False when it was not asked to, failed, or had not started within
   * `startTimeoutMs`: the step is then claimed here with a compare-and-swap on its state, so a thread that starts
   * later skips it, this thread computes the sizes, and the two never write them at once. A thread that failed
   * halfway writes no more and left nothing a second run gets wrong (the transfer is idempotent, shallow-sizes.ts).
   */
  takeShallowSizes(startTimeoutMs = this.#startTimeoutMs): boolean {
    const state = this.#request.state;
    this.#awaitStart(startTimeoutMs);
    Atomics.compareExchange(state, Step.shallowSizes, StepState.starting, StepState.failed);
    return this.#awaitEnd(Step.shallowSizes);
  }

  /** The distances, waiting for the thread if needed; undefined when it failed or never started (compute here). */
  takeDistances(): Distances | undefined {
    this.#awaitStart(this.#startTimeoutMs);
    const done = this.#awaitEnd(Step.thread);
    if (!done) void this.#worker.terminate();
    return done ? this.#request.result : undefined;
  }

  #awaitStart(timeoutMs: number): void {
    const state = this.#request.state;
    if (Atomics.load(state, Step.thread) === StepState.starting) Atomics.wait(state, Step.thread, StepState.starting, timeoutMs);
  }

  /** Waits while `step` runs; true when it is done. */
  #awaitEnd(step: Step): boolean {
    const state = this.#request.state;
    if (Atomics.load(state, step) === StepState.running) Atomics.wait(state, step, StepState.running, RUN_TIMEOUT_MS);
    return Atomics.load(state, step) === StepState.done;
  }
}
