// Worker thread: DevTools' class of every node, in memory the main thread lent, on shared snapshot columns.
import { workerData } from 'node:worker_threads';
import { computeClasses } from './class-names.js';
import { ClassesStep, type ClassesAnswer, type ClassesRequest } from './classes-thread.js';
import { ScratchMemory } from './scratch.js';
import { snapshotFromShared } from './shared-snapshot.js';
import { claimSteps, settle, StepState } from './thread-steps.js';

const request = workerData as ClassesRequest;
const { state, port } = request;
const claimed = claimSteps(state, [ClassesStep.classes]).length > 0;
try {
  if (claimed) {
    const scratch = new ScratchMemory();
    scratch.adopt(request.regions);
    const classes = computeClasses(snapshotFromShared(request), scratch);
    // What it did not keep goes back: the lent regions and anything it had to add (scratch memory is shared).
    const spare = scratch.regions();
    port.postMessage({ classes, spare } satisfies ClassesAnswer);
    settle(state, ClassesStep.classes, StepState.done);
  }
  settle(state, ClassesStep.thread, StepState.done);
} catch {
  // The main thread then computes the classes itself, in the memory it lent.
  if (claimed && Atomics.load(state, ClassesStep.classes) === StepState.running) settle(state, ClassesStep.classes, StepState.failed);
  settle(state, ClassesStep.thread, StepState.failed);
}
