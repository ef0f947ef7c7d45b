// Worker thread: the shallow-size transfer, then DevTools' distances, on shared snapshot columns.
import { workerData } from 'node:worker_threads';
import { HeapSnapshot } from '../snapshot.js';
import { StringTable } from '../string-table.js';
import { computeDistances } from './distances.js';
import { Step, StepState, type HelperRequest } from './helper-thread.js';
import { ScratchMemory } from './scratch.js';
import { computeShallowSizes } from './shallow-sizes.js';

const request = workerData as HelperRequest;
const { state } = request;
const steps = [Step.shallowSizes, Step.distances];

function settle(step: Step, outcome: StepState): void {
  Atomics.store(state, step, outcome);
  Atomics.notify(state, step);
}

// Steps are claimed before the thread says it started. One the main thread claimed first (it gave up waiting for
// the start, helper-thread.ts) is left to it: this thread must not write the shallow sizes then.
const claimed = steps.filter((step) => Atomics.compareExchange(state, step, StepState.starting, StepState.running) === StepState.starting);
settle(Step.thread, StepState.running);
try {
  const { bytes, offsets, length, unpaired } = request.strings;
  const strings = new StringTable(bytes, offsets, length, new Map(unpaired));
  const snapshot = new HeapSnapshot(request.label, request.layout, { ...request.columns, strings, locations: new Uint32Array(0) });
  // One scratch for both steps: the distances' queue reuses the transfer's owners.
  const scratch = new ScratchMemory();
  const run: Record<number, () => void> = {
    [Step.shallowSizes]: () => computeShallowSizes(snapshot, scratch),
    [Step.distances]: () => computeDistances(snapshot, scratch, request.distances),
  };
  for (const step of claimed) {
    run[step]!();
    settle(step, StepState.done);
  }
  settle(Step.thread, StepState.done);
} catch {
  // The main thread then computes what is not done itself.
  for (const step of claimed) if (Atomics.load(state, step) === StepState.running) settle(step, StepState.failed);
  settle(Step.thread, StepState.failed);
}
