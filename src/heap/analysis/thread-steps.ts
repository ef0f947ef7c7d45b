// The hand-over protocol of the analysis's worker threads: one shared state word per step, claimed by compare-and-swap.
import type { Worker } from 'node:worker_threads';

/** States of a step (Int32s in shared memory, so this thread can wait on them synchronously with Atomics.wait). */
export const enum StepState { starting, running, done, failed }

/** Slot 0 of every state array is the thread itself; its steps follow. */
export const THREAD_SLOT = 0;

/** How long a started step may take: far above any real snapshot (13 M nodes: ~1.5 s), a bound on a hung one. */
const RUN_TIMEOUT_MS = 600_000;

/** Worker side: ends a step (or the thread, slot 0) and wakes a waiting main thread. */
export function settle(state: Int32Array, slot: number, outcome: StepState): void {
  Atomics.store(state, slot, outcome);
  Atomics.notify(state, slot);
}

/**
 * Worker side: claims the steps still `starting`, before the thread says it started. One the main thread claimed
 * first (it gave up waiting for the start, see takeStep) is left to it: the thread must not write its output then.
 */
export function claimSteps(state: Int32Array, slots: number[]): number[] {
  const claimed = slots.filter((slot) => Atomics.compareExchange(state, slot, StepState.starting, StepState.running) === StepState.starting);
  settle(state, THREAD_SLOT, StepState.running);
  return claimed;
}

/**
 * Main side: waits for the thread to start and for the step at `slot` to end; true when it is done. A step the
 * thread has not claimed by then is claimed here (the caller computes it). A step still running after
 * RUN_TIMEOUT_MS ends the thread (it hangs); a thread that failed or never started ends by itself (its module
 * threw), and a late one only runs the steps nobody claimed, then ends. Synchronous on purpose: it is called from
 * lazy getters, and this thread may be deaf to events meanwhile, so failures are read from the state words.
 */
export function takeStep(state: Int32Array, slot: number, worker: Worker, startTimeoutMs: number): boolean {
  if (Atomics.load(state, THREAD_SLOT) === StepState.starting) Atomics.wait(state, THREAD_SLOT, StepState.starting, startTimeoutMs);
  Atomics.compareExchange(state, slot, StepState.starting, StepState.failed);
  if (Atomics.load(state, slot) === StepState.running) Atomics.wait(state, slot, StepState.running, RUN_TIMEOUT_MS);
  if (Atomics.load(state, slot) === StepState.running) void worker.terminate();
  return Atomics.load(state, slot) === StepState.done;
}

/**
 * Worker side: waits until another thread (its state words) has ended, done or failed, or `timeoutMs` passed;
 * true when it ended. For a worker that should not compete for a core with another one still running: the wait is
 * a scheduling choice only, so after the timeout the caller goes on (a thread that never starts must not hold it).
 */
export function waitForThreadEnd(other: Int32Array, timeoutMs: number): boolean {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const current = Atomics.load(other, THREAD_SLOT);
    if (current !== StepState.starting && current !== StepState.running) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(other, THREAD_SLOT, current, left);
  }
}

/** A state array for a thread and `steps` steps, all `starting` (0). */
export function stateWords(steps: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer((steps + 1) * Int32Array.BYTES_PER_ELEMENT));
}
