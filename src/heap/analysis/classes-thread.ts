// The classes thread: DevTools' class of every node, computed beside this thread's last analysis steps.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { HeapSnapshot } from '../snapshot.js';
import { compiledWorkerFile, startWorker } from '../../worker-file.js';
import { classesScratchBytes, type NodeClasses } from './class-names.js';
import { START_TIMEOUT_MS, type HelperOptions } from './helper-thread.js';
import type { Region, ScratchMemory } from './scratch.js';
import { shareSnapshot, type SharedSnapshotParts } from './shared-snapshot.js';
import { stateWords, takeStep } from './thread-steps.js';

/** Slots of the shared state array (thread-steps.ts). */
export const enum ClassesStep { thread, classes }

export interface ClassesRequest extends SharedSnapshotParts {
  /** Shared memory lent by this thread's scratch: the thread takes its arrays from it first. */
  regions: Region[];
  state: Int32Array;
  /** The answer comes on this port, posted before the step is marked done. */
  port: MessagePort;
}

/** The thread's answer: the classes (classOf over shared memory) and the memory it did not keep. */
export interface ClassesAnswer {
  classes: NodeClasses;
  spare: Region[];
}

/**
 * Why a thread: the classes (~0.4 s on 13 M nodes) need only snapshot columns, and this thread has ~0.5 s of work
 * that needs no classes after the dominator step (retained sizes, dominated lists, then the statistics). Why only
 * then: the memory is the dominator step's, free once it is done — the pointer lists alone (4 bytes per essential
 * edge) hold most of what the classes take, so the thread adds no memory, where running during that step would
 * have added ~150 MB at its peak.
 */
export class ClassesThread {
  readonly #worker: Worker;
  readonly #request: ClassesRequest;
  readonly #port: MessagePort;
  readonly #scratch: ScratchMemory;
  readonly #startTimeoutMs: number;

  private constructor(worker: Worker, request: ClassesRequest, port: MessagePort, scratch: ScratchMemory, startTimeoutMs: number) {
    this.#worker = worker;
    this.#request = request;
    this.#port = port;
    this.#scratch = scratch;
    this.#startTimeoutMs = startTimeoutMs;
  }

  /** Starts the thread on memory lent by `scratch` when the snapshot's columns are shared; else undefined. */
  static start(snapshot: HeapSnapshot, scratch: ScratchMemory, { workerFile = compiledWorkerFile(import.meta.url, 'classes-worker'), startTimeoutMs = START_TIMEOUT_MS }: HelperOptions = {}): ClassesThread | undefined {
    const parts = shareSnapshot(snapshot);
    if (!workerFile || !parts) return undefined;
    const { port1, port2 } = new MessageChannel();
    const request: ClassesRequest = { ...parts, regions: scratch.lend(classesScratchBytes(snapshot)), state: stateWords(1), port: port2 };
    try {
      const worker = startWorker(workerFile, request, [port2]);
      // Failures are read from the shared state (thread-steps.ts).
      worker.on('error', () => {});
      worker.unref();
      return new ClassesThread(worker, request, port1, scratch, startTimeoutMs);
    } catch {
      scratch.adopt(request.regions);
      port1.close();
      return undefined;
    }
  }

  /**
   * The classes, waiting for the thread; undefined when it failed or never started (the caller computes them).
   * The lent memory goes back to the scratch either way, but for what the thread's classOf occupies.
   */
  take(): NodeClasses | undefined {
    const done = takeStep(this.#request.state, ClassesStep.classes, this.#worker, this.#startTimeoutMs);
    // Posted before the step was marked done, so it is queued by now.
    const answer = done ? (receiveMessageOnPort(this.#port)?.message as ClassesAnswer | undefined) : undefined;
    this.#port.close();
    this.#scratch.adopt(answer ? answer.spare : this.#request.regions);
    return answer?.classes;
  }
}
