// DevTools' distances on a second thread while this one computes dominators: both only read the snapshot columns.
import type { Worker } from 'node:worker_threads';
import type { SnapshotLayout } from '../layout.js';
import type { HeapSnapshot } from '../snapshot.js';
import { compiledWorkerFile, startWorker } from '../../worker-file.js';
import type { Distances } from './distances.js';

/** States of the job (an Int32 in shared memory, so this thread can wait on it synchronously with Atomics.wait). */
export const enum JobState { starting, running, done, failed }

/** What the worker gets: the snapshot's shared columns and string table, and the shared arrays to fill. */
export interface DistancesRequest {
  label: string;
  layout: SnapshotLayout;
  columns: {
    nodeType: Uint8Array; nodeName: Uint32Array; nodeId: Uint32Array; selfSize: Float64Array; detachedness: Uint8Array;
    firstEdge: Uint32Array; edgeType: Uint8Array; edgeNameOrIndex: Uint32Array; edgeTarget: Uint32Array;
  };
  strings: { bytes: Uint8Array; offsets: Uint32Array; length: number; unpaired: [number, string][] };
  result: Distances;
  state: Int32Array;
}

/** From this many nodes (distances ~50 ms and up) a thread pays for its start (~40 ms). */
export const PARALLEL_DISTANCES_FROM = 500_000;
/** How long to wait for the thread to start before computing here (it starts in ~50 ms). */
const START_TIMEOUT_MS = 5_000;
/** How long a started thread may take: far above any real snapshot (13 M nodes: ~1.5 s), a bound on a hung one. */
const RUN_TIMEOUT_MS = 600_000;

function isShared(array: ArrayBufferView): boolean {
  return array.buffer instanceof SharedArrayBuffer;
}

export class DistancesJob {
  readonly #worker: Worker;
  readonly #request: DistancesRequest;
  readonly #startTimeoutMs: number;

  private constructor(worker: Worker, request: DistancesRequest, startTimeoutMs: number) {
    this.#worker = worker;
    this.#request = request;
    this.#startTimeoutMs = startTimeoutMs;
  }

  /**
   * Starts the job when every column the BFS reads is shared (the reader's node columns and string table always
   * are; the edge columns when its edge thread ran) and the worker module exists; else undefined.
   */
  static start(snapshot: HeapSnapshot, workerFile = compiledWorkerFile(import.meta.url, 'distances-worker'), startTimeoutMs = START_TIMEOUT_MS): DistancesJob | undefined {
    const { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget } = snapshot;
    const columns = { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget };
    const { bytes, offsets, unpaired } = snapshot.strings.raw;
    if (!workerFile || !Object.values(columns).every(isShared) || !isShared(bytes) || !isShared(offsets)) return undefined;
    const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
    const request: DistancesRequest = {
      label: snapshot.label,
      layout: snapshot.layout,
      columns,
      strings: { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), offsets, length: snapshot.strings.length, unpaired: [...unpaired] },
      result: { distance: new Int32Array(shared(snapshot.nodeCount * 4)), parentEdge: new Uint32Array(shared(snapshot.nodeCount * 4)) },
      state: new Int32Array(shared(4)),
    };
    try {
      const worker = startWorker(workerFile, request);
      // Failures are read from the shared state: this thread may be blocked in Atomics.wait, deaf to events.
      worker.on('error', () => {});
      worker.unref();
      return new DistancesJob(worker, request, startTimeoutMs);
    } catch {
      return undefined;
    }
  }

  /** The distances, waiting for the thread if needed; undefined when it failed or never started (compute here). */
  take(): Distances | undefined {
    const state = this.#request.state;
    if (Atomics.load(state, 0) === JobState.starting) Atomics.wait(state, 0, JobState.starting, this.#startTimeoutMs);
    if (Atomics.load(state, 0) === JobState.running) Atomics.wait(state, 0, JobState.running, RUN_TIMEOUT_MS);
    const done = Atomics.load(state, 0) === JobState.done;
    if (!done) void this.#worker.terminate();
    return done ? this.#request.result : undefined;
  }
}
