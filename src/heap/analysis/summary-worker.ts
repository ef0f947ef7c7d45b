// Worker thread: DevTools' classes (in memory the main thread lent), then the collection scan, on shared columns.
import { workerData } from 'node:worker_threads';
import { scanCollections } from '../collections.js';
import { computeClasses } from './class-names.js';
import { ScratchMemory } from './scratch.js';
import { snapshotFromShared } from './shared-snapshot.js';
import { SummaryStep, type SummaryAnswer, type SummaryRequest } from './summary-thread.js';
import { claimSteps, settle, StepState } from './thread-steps.js';

const request = workerData as SummaryRequest;
const { state, port } = request;
const claimed = claimSteps(state, [SummaryStep.classes, SummaryStep.collections]);

try {
  const snapshot = snapshotFromShared(request);
  // One scratch for both steps: the lent memory when the classes are this thread's (else the main thread took it
  // back), then the collection table grows in what the classes left. It all goes back with the last answer.
  const scratch = new ScratchMemory();
  if (claimed.includes(SummaryStep.classes)) scratch.adopt(request.regions);
  const run: Record<number, () => SummaryAnswer> = {
    [SummaryStep.classes]: () => ({ step: SummaryStep.classes, classes: computeClasses(snapshot, scratch) }),
    [SummaryStep.collections]: () => ({ step: SummaryStep.collections, table: scanCollections(snapshot, scratch), spare: scratch.regions() }),
  };
  for (const step of claimed) {
    port.postMessage(run[step]!());
    settle(state, step, StepState.done);
  }
  settle(state, SummaryStep.thread, StepState.done);
} catch {
  // The main thread then computes what is not done itself (the classes in the memory it lent).
  for (const step of claimed) if (Atomics.load(state, step) === StepState.running) settle(state, step, StepState.failed);
  settle(state, SummaryStep.thread, StepState.failed);
}
