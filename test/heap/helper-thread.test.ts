// The analysis's second thread: the same shallow sizes and distances as this one, and this one takes over a step
// the thread failed, never started or had not claimed yet, without the two writing the sizes at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSnapshot, readSnapshotFile } from '../../src/heap/index.js';
import { computeDistances } from '../../src/heap/analysis/distances.js';
import { HelperThread } from '../../src/heap/analysis/helper-thread.js';
import { ScratchMemory } from '../../src/heap/analysis/scratch.js';
import { computeShallowSizes } from '../../src/heap/analysis/shallow-sizes.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pooldoc-helper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real snapshot (this test process's own, WeakMap pairs included), read with the edge thread so every column
// the helper reads is shared.
const holder = { map: new WeakMap<object, object>(), keys: [] as object[], arrays: [] as number[][] };
for (let i = 0; i < 200; i++) {
  const key = { i };
  holder.keys.push(key);
  holder.map.set(key, { value: i });
  // Arrays own their elements stores: hidden/array nodes whose size the transfer moves to them.
  holder.arrays.push([i, i + 1, i + 2]);
}
const file = writeHeapSnapshot(path.join(dir, 'self.heapsnapshot'));
const read = () => readSnapshotFile(file, { edgeWorker: 'always' });
const snapshot = await read();
const selfSizes = Float64Array.from(snapshot.selfSize);
const expected = computeDistances(snapshot, new ScratchMemory());
const expectedShallow = computeShallowSizes(await read(), new ScratchMemory());

function module(name: string, text: string): string {
  const worker = path.join(dir, name);
  writeFileSync(worker, text);
  return worker;
}

describe('analysis helper thread', () => {
  it('the transfer moves sizes in this snapshot (so the comparisons below can tell whether and where it ran)', () => {
    expect(expectedShallow.some((size, ordinal) => size !== selfSizes[ordinal])).toBe(true);
  });

  it('fills the same shallow sizes, distances and BFS parents as this thread', async () => {
    const analysis = analyzeSnapshot(snapshot, { helperThread: 'always' });
    expect(analysis.shallowSizesThread).toBe('worker');
    expect(Array.from(analysis.shallowSize)).toEqual(Array.from(expectedShallow));
    expect(Array.from(analysis.distances.distance)).toEqual(Array.from(expected.distance));
    expect(Array.from(analysis.distances.parentEdge)).toEqual(Array.from(expected.parentEdge));
    expect(analysis.distancesThread).toBe('worker');
    expect(analysis.distances.distance.buffer).toBeInstanceOf(SharedArrayBuffer);
    const fresh = await read();
    const here = analyzeSnapshot(fresh, { helperThread: 'never' });
    expect(here.shallowSizesThread).toBe('main');
    expect(Array.from(here.retainedSize)).toEqual(Array.from(analysis.retainedSize));
    expect(Array.from(here.distances.distance)).toEqual(Array.from(expected.distance));
    expect(here.distancesThread).toBe('main');
  });

  it('is not used when a column is not shared (edges read on this thread)', async () => {
    const sequential = await readSnapshotFile(file, { edgeWorker: 'never' });
    expect(HelperThread.start(sequential)).toBeUndefined();
    const analysis = analyzeSnapshot(sequential, { helperThread: 'always' });
    expect(Array.from(analysis.shallowSize)).toEqual(Array.from(expectedShallow));
    expect(Array.from(analysis.distances.distance)).toEqual(Array.from(expected.distance));
    expect([analysis.shallowSizesThread, analysis.distancesThread]).toEqual(['main', 'main']);
  });

  it('leaves the shallow sizes to this thread when the thread has not started when they are needed', async () => {
    const fresh = await read();
    const helper = HelperThread.start(fresh)!;
    // Not waiting for the start: asked before the worker has even loaded, the step is claimed here.
    expect(helper.takeShallowSizes(0)).toBe(false);
    // The thread then starts, skips the claimed step and computes the distances. The sizes are not computed here
    // yet, so any write of the thread's would show (a transfer run twice in turn gives the same sizes; run at the
    // same time as this thread's, it would not).
    expect(Array.from(helper.takeDistances()!.distance)).toEqual(Array.from(expected.distance));
    expect(Array.from(fresh.selfSize)).toEqual(Array.from(selfSizes));
    computeShallowSizes(fresh, new ScratchMemory());
    expect(Array.from(fresh.selfSize)).toEqual(Array.from(expectedShallow));
  });

  it('gives up on a thread that fails or never starts, so this thread computes it all', () => {
    const failing = module('failing.mjs', "import { workerData } from 'node:worker_threads';\nAtomics.store(workerData.state, 1, 3);\nAtomics.store(workerData.state, 0, 3);\nAtomics.notify(workerData.state, 0);\n");
    const failed = HelperThread.start(snapshot, { workerFile: failing })!;
    expect(failed.takeDistances()).toBeUndefined();
    expect(failed.takeShallowSizes()).toBe(false);
    const broken = module('broken.mjs', "throw new Error('broken install');\n");
    const started = performance.now();
    const never = HelperThread.start(snapshot, { workerFile: broken, startTimeoutMs: 300 })!;
    expect(never.takeShallowSizes()).toBe(false);
    expect(never.takeDistances()).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
