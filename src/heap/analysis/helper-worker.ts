// Worker thread: the shallow-size transfer, DevTools' distances and the statistics sums, on shared snapshot columns.
import { workerData } from 'node:worker_threads';
import { HeapSnapshot } from '../snapshot.js';
import { computeStatisticsSums, STATISTICS_SUM_KEYS } from '../statistics.js';
import { StringTable } from '../string-table.js';
import { computeDistances } from './distances.js';
import { Step, StepState, type HelperRequest } from './helper-thread.js';
import { ScratchMemory } from './scratch.js';
import { computeShallowSizes } from './shallow-sizes.js';

const request = workerData as HelperRequest;
const { state } = request;
const steps = [Step.shallowSizes, Step.distances, Step.statistics];

function settle(step: Step, outcome: StepState): void {
  Atomics.store(state, step, outcome);
  Atomics.notify(state, step);
}

// Steps are claimed before the thread says it started. One the main thread claimed first (it gave up waiting for
// the start, helper-thread.ts) is left to it: this thread must not write the shallow sizes then, nor sum them
// (it cannot tell when the main thread's transfer is done), so the statistics are left to it too.
const claim = (step: Step): boolean => Atomics.compareExchange(state, step, StepState.starting, StepState.running) === StepState.starting;
const claimed: Step[] = [];
for (const step of steps) {
  const sumsOthersSizes = step === Step.statistics && !claimed.includes(Step.shallowSizes);
  if (!sumsOthersSizes && claim(step)) claimed.push(step);
}
settle(Step.thread, StepState.running);
try {
  const { bytes, offsets, length, unpaired } = request.strings;
  const strings = new StringTable(bytes, offsets, length, new Map(unpaired));
  const snapshot = new HeapSnapshot(request.label, request.layout, { ...request.columns, strings, locations: new Uint32Array(0) });
  // One scratch for all steps: the distances' queue reuses the transfer's owners, the statistics' flags the queue.
  const scratch = new ScratchMemory();
  const run: Record<number, () => void> = {
    [Step.shallowSizes]: () => computeShallowSizes(snapshot, scratch),
    [Step.distances]: () => computeDistances(snapshot, scratch, request.distances),
    [Step.statistics]: () => {
      const sums = computeStatisticsSums(snapshot, snapshot.selfSize, scratch);
      STATISTICS_SUM_KEYS.forEach((key, i) => (request.statistics[i] = sums[key]));
    },
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
