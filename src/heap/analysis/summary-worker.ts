// Worker thread: DevTools' classes (in memory the main thread lent), the statistics' sums when it started early,
// then the collection scan, on shared columns.
import { workerData } from 'node:worker_threads';
import { scanCollections } from '../collections.js';
import { computeStatisticsSums } from '../statistics.js';
import { computeClasses } from './class-names.js';
import { Step } from './helper-thread.js';
import { ScratchMemory } from './scratch.js';
import { snapshotFromShared } from './shared-snapshot.js';
import { SummaryStep, type SummaryAnswer, type SummaryRequest } from './summary-thread.js';
import { claimSteps, settle, StepState, waitForThreadEnd } from './thread-steps.js';

/**
 * How long an early thread waits for the helper before it works anyway (the helper ends ~0.3 s into the analysis
 * of 2.9 M nodes): waiting only spares the main thread a third thread on two cores, it never changes a result.
 */
const HELPER_WAIT_MS = 2_000;

const request = workerData as SummaryRequest;
const { state, port, after } = request;
// Claimed at once, so the main thread never waits for a start; the statistics only when started early.
const claimed = claimSteps(state, after ? [SummaryStep.classes, SummaryStep.statistics, SummaryStep.collections] : [SummaryStep.classes, SummaryStep.collections]);

try {
  if (after) waitForThreadEnd(after, HELPER_WAIT_MS);
  const snapshot = snapshotFromShared(request);
  // One scratch for every step: the lent memory when the classes are this thread's (else the main thread took it
  // back), then the collection table grows in what the classes left. It all goes back with the last answer.
  const scratch = new ScratchMemory();
  if (claimed.includes(SummaryStep.classes)) scratch.adopt(request.regions);
  const run: Record<number, () => SummaryAnswer | undefined> = {
    [SummaryStep.classes]: () => ({ step: SummaryStep.classes, classes: computeClasses(snapshot, scratch) }),
    // The sums add transferred sizes: only when the helper did the transfer (else the main thread does it later).
    [SummaryStep.statistics]: () => (after && Atomics.load(after, Step.shallowSizes) === StepState.done ? { step: SummaryStep.statistics, sums: computeStatisticsSums(snapshot, snapshot.selfSize, scratch) } : undefined),
    [SummaryStep.collections]: () => ({ step: SummaryStep.collections, table: scanCollections(snapshot, scratch), spare: scratch.regions() }),
  };
  for (const step of claimed) {
    const answer = run[step]!();
    if (answer) port.postMessage(answer);
    settle(state, step, answer ? StepState.done : StepState.failed);
  }
  settle(state, SummaryStep.thread, StepState.done);
} catch {
  // The main thread then computes what is not done itself (the classes in the memory it lent).
  for (const step of claimed) if (Atomics.load(state, step) === StepState.running) settle(state, step, StepState.failed);
  settle(state, SummaryStep.thread, StepState.failed);
}
