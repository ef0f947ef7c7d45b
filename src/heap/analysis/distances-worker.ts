// Worker thread: DevTools' distances of a snapshot whose columns are shared, into shared result arrays.
import { workerData } from 'node:worker_threads';
import { HeapSnapshot } from '../snapshot.js';
import { StringTable } from '../string-table.js';
import { computeDistances } from './distances.js';
import { JobState, type DistancesRequest } from './distances-job.js';
import { ScratchMemory } from './scratch.js';

const request = workerData as DistancesRequest;
const { state } = request;
Atomics.store(state, 0, JobState.running);
Atomics.notify(state, 0);
try {
  const { bytes, offsets, length, unpaired } = request.strings;
  const strings = new StringTable(bytes, offsets, length, new Map(unpaired));
  const snapshot = new HeapSnapshot(request.label, request.layout, { ...request.columns, strings, locations: new Uint32Array(0) });
  computeDistances(snapshot, new ScratchMemory(), request.result);
  Atomics.store(state, 0, JobState.done);
} catch {
  // The main thread then computes them itself.
  Atomics.store(state, 0, JobState.failed);
}
Atomics.notify(state, 0);
