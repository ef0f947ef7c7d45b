// The summary thread: DevTools' class of every node, the statistics' sums (when it starts early), then the collection scan.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { CollectionTable } from '../collections.js';
import type { StatisticsSums } from '../statistics.js';
import type { HeapSnapshot } from '../snapshot.js';
import { compiledWorkerFile, startWorker } from '../../worker-file.js';
import { classesScratchBytes, type NodeClasses } from './class-names.js';
import { START_TIMEOUT_MS, type HelperOptions } from './helper-thread.js';
import type { Region, ScratchMemory } from './scratch.js';
import { shareSnapshot, type SharedSnapshotParts } from './shared-snapshot.js';
import { stateWords, takeStep } from './thread-steps.js';

/** Slots of the shared state array (thread-steps.ts), the steps in the order the thread runs them. */
export const enum SummaryStep { thread, classes, statistics, collections }
const STEP_COUNT = 3;

export interface SummaryRequest extends SharedSnapshotParts {
  /** Shared memory lent by this thread's scratch: the classes take their arrays from it first. */
  regions: Region[];
  /**
   * Set when the thread starts with the analysis (SummaryOptions.after): the helper thread's state words. The
   * thread waits for the helper to end before it works, then also sums the statistics when the helper did the
   * shallow-size transfer (they add transferred sizes).
   */
  after?: Int32Array;
  state: Int32Array;
  /** Each step's answer comes on this port, posted before the step is marked done. */
  port: MessagePort;
}

/**
 * What the thread posts for each step: classOf and the collection columns are over shared memory (no copy). The
 * memory neither keeps comes back with the last step (`spare`: the lent regions and anything the thread added).
 */
export type SummaryAnswer =
  | { step: SummaryStep.classes; classes: NodeClasses }
  | { step: SummaryStep.statistics; sums: StatisticsSums }
  | { step: SummaryStep.collections; table: CollectionTable; spare: Region[] };

/** Up to this much memory for the classes (classesScratchBytes) the thread starts with the analysis. */
export const EARLY_SUMMARY_MAX_BYTES = 64 << 20;

export interface SummaryOptions extends HelperOptions {
  /** The helper thread's state words: start early, after it (SummaryRequest.after). */
  after?: Int32Array | undefined;
}

/**
 * Why a thread: the classes (~0.4 s on 13 M nodes) and the collection scan (~0.3 s) need only snapshot columns,
 * and after the dominator step this thread has as much work that needs neither (retained sizes, dominated lists,
 * the statistics, the class summary before the collections). Why only then: the classes' memory is the dominator
 * step's, free once it is done (its pointer lists alone, 4 bytes per essential edge, hold most of what the
 * classes take), so the thread adds no arrays but its results; during that step it would have added ~150 MB at
 * its peak (docs/heap-engine.md).
 *
 * Small snapshots (classes' memory up to EARLY_SUMMARY_MAX_BYTES) start it with the analysis instead: it waits for
 * the helper thread to end (~0.3 s into the analysis on 2.9 M nodes, while the dominator step runs for ~0.5 s) and
 * then uses the core the helper leaves idle for the classes, the statistics' sums and the collections, so this
 * thread finds them done. It then allocates its own arrays (+27–37 MB of peak on 2.9 M nodes); on 13 M nodes those were
 * ~150 MB on top of the dominator step's peak (1.41 → 1.57 GB), hence the limit.
 */
export class SummaryThread {
  readonly #worker: Worker;
  readonly #request: SummaryRequest;
  readonly #port: MessagePort;
  readonly #scratch: ScratchMemory;
  readonly #startTimeoutMs: number;
  /** Answers read off the port while looking for another step's. */
  readonly #received: SummaryAnswer[] = [];

  private constructor(worker: Worker, request: SummaryRequest, port: MessagePort, scratch: ScratchMemory, startTimeoutMs: number) {
    this.#worker = worker;
    this.#request = request;
    this.#port = port;
    this.#scratch = scratch;
    this.#startTimeoutMs = startTimeoutMs;
  }

  /** Whether the thread starts with the analysis on this snapshot (its classes' memory is small enough). */
  static startsEarly(snapshot: HeapSnapshot): boolean {
    return classesScratchBytes(snapshot) <= EARLY_SUMMARY_MAX_BYTES;
  }

  /** Starts the thread on memory lent by `scratch` when the snapshot's columns are shared; else undefined. */
  static start(snapshot: HeapSnapshot, scratch: ScratchMemory, { workerFile = compiledWorkerFile(import.meta.url, 'summary-worker'), startTimeoutMs = START_TIMEOUT_MS, after }: SummaryOptions = {}): SummaryThread | undefined {
    const parts = shareSnapshot(snapshot);
    if (!workerFile || !parts) return undefined;
    const { port1, port2 } = new MessageChannel();
    const request: SummaryRequest = { ...parts, regions: scratch.lend(classesScratchBytes(snapshot)), state: stateWords(STEP_COUNT), port: port2, ...(after ? { after } : {}) };
    try {
      const worker = startWorker(workerFile, request, [port2]);
      // Failures are read from the shared state (thread-steps.ts).
      worker.on('error', () => {});
      worker.unref();
      return new SummaryThread(worker, request, port1, scratch, startTimeoutMs);
    } catch {
      scratch.adopt(request.regions);
      port1.close();
      return undefined;
    }
  }

  /**
   * The classes, waiting for the thread; undefined when it failed or never started (the caller computes them, and
   * the lent memory is this thread's again: the thread uses it only once it has claimed the classes).
   */
  takeClasses(): NodeClasses | undefined {
    const answer = this.#take(SummaryStep.classes);
    if (!answer) this.#scratch.adopt(this.#request.regions);
    return answer?.classes;
  }

  /**
   * The statistics' sums, waiting for the thread; undefined when it did not start early (it sums them only then),
   * failed, or found the shallow sizes not transferred by the helper (the caller sums them).
   */
  takeStatistics(): StatisticsSums | undefined {
    if (!this.#request.after) return undefined;
    return this.#take(SummaryStep.statistics)?.sums;
  }

  /**
   * The collection table, waiting for the thread; undefined when it failed or never started. With it comes the
   * memory the thread did not keep. (When the scan fails after the classes, the lent memory stays with the
   * thread's classOf: the free list then misses it, which costs fresh memory later, never a wrong result.)
   */
  takeCollections(): CollectionTable | undefined {
    const answer = this.#take(SummaryStep.collections);
    if (answer) this.#scratch.adopt(answer.spare);
    return answer?.table;
  }

  #take<S extends SummaryStep>(step: S): Extract<SummaryAnswer, { step: S }> | undefined {
    if (!takeStep(this.#request.state, step, this.#worker, this.#startTimeoutMs)) return undefined;
    // Posted before the step was marked done, so it is queued by now.
    for (let next = receiveMessageOnPort(this.#port); next; next = receiveMessageOnPort(this.#port)) this.#received.push(next.message as SummaryAnswer);
    return this.#received.find((answer): answer is Extract<SummaryAnswer, { step: S }> => answer.step === step);
  }
}
