// Worker thread: the shallow-size transfer, then DevTools' distances, on shared snapshot columns.
import { workerData } from 'node:worker_threads';
import { computeDistances } from './distances.js';
import { Step, type HelperRequest } from './helper-thread.js';
import { ScratchMemory } from './scratch.js';
import { snapshotFromShared } from './shared-snapshot.js';
import { computeShallowSizes } from './shallow-sizes.js';
import { claimSteps, settle, StepState } from './thread-steps.js';

const request = workerData as HelperRequest;
const { state } = request;
const claimed = claimSteps(state, [Step.shallowSizes, Step.distances]);
try {
  const snapshot = snapshotFromShared(request);
  // One scratch for both steps: the distances' queue reuses the transfer's owners.
  const scratch = new ScratchMemory();
  const run: Record<number, () => void> = {
    [Step.shallowSizes]: () => computeShallowSizes(snapshot, scratch),
    [Step.distances]: () => computeDistances(snapshot, scratch, request.distances),
  };
  for (const step of claimed) {
    run[step]!();
    settle(state, step, StepState.done);
  }
  settle(state, Step.thread, StepState.done);
} catch {
  // The main thread then computes what is not done itself.
  for (const step of claimed) if (Atomics.load(state, step) === StepState.running) settle(state, step, StepState.failed);
  settle(state, Step.thread, StepState.failed);
}
