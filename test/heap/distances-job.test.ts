// Distances on a second thread: the same arrays as on this one, and this one takes over when the thread fails.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSnapshot, readSnapshotFile } from '../../src/heap/index.js';
import { DistancesJob } from '../../src/heap/analysis/distances-job.js';
import { computeDistances } from '../../src/heap/analysis/distances.js';
import { ScratchMemory } from '../../src/heap/analysis/scratch.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pooldoc-distances-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real snapshot (this test process's own, WeakMap pairs included), read with the edge thread so every column
// the BFS reads is shared.
const holder = { map: new WeakMap<object, object>(), keys: [] as object[] };
for (let i = 0; i < 200; i++) {
  const key = { i };
  holder.keys.push(key);
  holder.map.set(key, { value: i });
}
const file = writeHeapSnapshot(path.join(dir, 'self.heapsnapshot'));
const snapshot = await readSnapshotFile(file, { edgeWorker: 'always' });
const expected = computeDistances(snapshot, new ScratchMemory());

function module(name: string, text: string): string {
  const worker = path.join(dir, name);
  writeFileSync(worker, text);
  return worker;
}

describe('distances thread', () => {
  it('fills the same distances and BFS parents as this thread', () => {
    const analysis = analyzeSnapshot(snapshot, { distancesWorker: 'always' });
    expect(Array.from(analysis.distances.distance)).toEqual(Array.from(expected.distance));
    expect(Array.from(analysis.distances.parentEdge)).toEqual(Array.from(expected.parentEdge));
    expect(analysis.distancesThread).toBe('worker');
    expect(analysis.distances.distance.buffer).toBeInstanceOf(SharedArrayBuffer);
    const here = analyzeSnapshot(snapshot, { distancesWorker: 'never' });
    expect(Array.from(here.distances.distance)).toEqual(Array.from(expected.distance));
    expect(here.distancesThread).toBe('main');
  });

  it('is not used when a column is not shared (edges read on this thread)', async () => {
    const sequential = await readSnapshotFile(file, { edgeWorker: 'never' });
    expect(DistancesJob.start(sequential)).toBeUndefined();
    const analysis = analyzeSnapshot(sequential, { distancesWorker: 'always' });
    expect(Array.from(analysis.distances.distance)).toEqual(Array.from(expected.distance));
    expect(analysis.distancesThread).toBe('main');
  });

  it('gives up on a thread that fails or never starts, so this thread computes them', () => {
    const failing = module('failing.mjs', "import { workerData } from 'node:worker_threads';\nAtomics.store(workerData.state, 0, 3);\nAtomics.notify(workerData.state, 0);\n");
    expect(DistancesJob.start(snapshot, failing)?.take()).toBeUndefined();
    const broken = module('broken.mjs', "throw new Error('broken install');\n");
    const started = performance.now();
    expect(DistancesJob.start(snapshot, broken, 300)?.take()).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
