// Worker thread: the shallow-size transfer (when asked), then DevTools' distances, on shared snapshot columns.
import { workerData } from 'node:worker_threads';
import { HeapSnapshot } from '../snapshot.js';
import { StringTable } from '../string-table.js';
import { computeDistances } from './distances.js';
import { Step, StepState, type HelperRequest } from './helper-thread.js';
import { ScratchMemory } from './scratch.js';
import { computeShallowSizes } from './shallow-sizes.js';

const request = workerData as HelperRequest;
const { state } = request;

function settle(step: Step, outcome: StepState): void {
  Atomics.store(state, step, outcome);
  Atomics.notify(state, step);
}

// The shallow sizes are claimed before the thread says it started; when the main thread gave up waiting for the
// start, it has claimed them itself (helper-thread.ts) and this thread must not write them.
const shallowSizes = Atomics.compareExchange(state, Step.shallowSizes, StepState.starting, StepState.running) === StepState.starting;
settle(Step.thread, StepState.running);
try {
  const { bytes, offsets, length, unpaired } = request.strings;
  const strings = new StringTable(bytes, offsets, length, new Map(unpaired));
  const snapshot = new HeapSnapshot(request.label, request.layout, { ...request.columns, strings, locations: new Uint32Array(0) });
  // One scratch for both steps: the distances' queue reuses the transfer's owner array.
  const scratch = new ScratchMemory();
  if (shallowSizes) {
    computeShallowSizes(snapshot, scratch);
    settle(Step.shallowSizes, StepState.done);
  }
  computeDistances(snapshot, scratch, request.result);
  settle(Step.thread, StepState.done);
} catch {
  // The main thread then computes what is not done itself.
  if (Atomics.load(state, Step.shallowSizes) === StepState.running) settle(Step.shallowSizes, StepState.failed);
  settle(Step.thread, StepState.failed);
}
