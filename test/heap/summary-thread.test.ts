// The summary thread: the same classes and collections as this thread, the classes in memory this thread lent and
// gets back, and this thread computes them itself when the thread fails or has not started, without the thread
// writing into the lent memory.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSnapshot, heapStatistics, readSnapshotFile } from '../../src/heap/index.js';
import { classesScratchBytes, computeClasses } from '../../src/heap/analysis/class-names.js';
import { scanCollections } from '../../src/heap/collections.js';
import { SummaryThread } from '../../src/heap/analysis/summary-thread.js';
import { ScratchMemory } from '../../src/heap/analysis/scratch.js';
import { computeShallowSizes } from '../../src/heap/analysis/shallow-sizes.js';
import { computeStatisticsSums } from '../../src/heap/statistics.js';
import { settle, stateWords, StepState, waitForThreadEnd } from '../../src/heap/analysis/thread-steps.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pooldoc-classes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real snapshot of this process with classes of every kind: located constructors, plain-object shapes, natives.
class CacheEntry {
  constructor(readonly key: string, readonly hits: number) {}
}
const holder = { entries: [] as CacheEntry[], shapes: [] as object[] };
for (let i = 0; i < 300; i++) {
  holder.entries.push(new CacheEntry(`k${i}`, i));
  holder.shapes.push({ host: `h${i}`, port: i });
}
const file = writeHeapSnapshot(path.join(dir, 'self.heapsnapshot'));
// The edge thread, so every column the thread reads is shared.
const read = () => readSnapshotFile(file, { edgeWorker: 'always' });
const snapshot = await read();
const expected = computeClasses(snapshot, new ScratchMemory());
const expectedCollections = scanCollections(snapshot);
const compiledWorker = fileURLToPath(new URL('../../dist/src/heap/analysis/summary-worker.js', import.meta.url));

/**
 * Shared scratch memory filled with a marker byte: what the classes take, and 4 MB more so no region left after a
 * take is small enough to be dropped (scratch.ts MIN_KEPT_BYTES).
 */
function markedScratch(): { scratch: ScratchMemory; memory: Uint8Array } {
  const memory = new Uint8Array(new SharedArrayBuffer(classesScratchBytes(snapshot) + (4 << 20))).fill(0xab);
  const scratch = new ScratchMemory();
  scratch.release(memory);
  return { scratch, memory };
}

describe('summary thread', () => {
  it('gives every node the class this thread gives it', async () => {
    expect(snapshot.locations.length).toBeGreaterThan(0);
    expect(snapshot.locations.buffer).toBeInstanceOf(SharedArrayBuffer);
    const analysis = analyzeSnapshot(await read(), { helperThread: 'always' });
    const { classOf, names, locations } = analysis.classes;
    expect(analysis.classesThread).toBe('worker');
    expect(Array.from(classOf)).toEqual(Array.from(expected.classOf));
    expect(names).toEqual(expected.names);
    expect(locations).toEqual(expected.locations);
    expect(names).toContain('CacheEntry');
    const here = analyzeSnapshot(await read(), { helperThread: 'never' });
    expect(Array.from(here.classes.classOf)).toEqual(Array.from(expected.classOf));
    expect(here.classesThread).toBe('main');
  });

  it('finds the collections this thread finds, in shared memory', async () => {
    // The holder's arrays are collections of 300 entries each.
    expect(Array.from(expectedCollections.entries)).toContain(300);
    const analysis = analyzeSnapshot(await read(), { helperThread: 'always' });
    const table = analysis.collections;
    expect(analysis.collectionsThread).toBe('worker');
    expect(table.ordinals.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const column of ['ordinals', 'kinds', 'entries'] as const) expect(Array.from(table[column])).toEqual(Array.from(expectedCollections[column]));
    const here = analyzeSnapshot(await read(), { helperThread: 'never' });
    expect(Array.from(here.collections.entries)).toEqual(Array.from(expectedCollections.entries));
    expect(here.collectionsThread).toBe('main');
  });

  it('works in the lent memory and gives back all of it but its classOf and collection table', () => {
    const { scratch, memory } = markedScratch();
    const thread = SummaryThread.start(snapshot, scratch)!;
    expect(scratch.freeBytes).toBe(0);
    const classes = thread.takeClasses()!;
    expect(Array.from(classes.classOf)).toEqual(Array.from(expected.classOf));
    // Posted between threads, a SharedArrayBuffer is a new object over the same memory: a write shows through.
    const view = new Uint32Array(memory.buffer, classes.classOf.byteOffset, classes.classOf.length);
    classes.classOf[0] = 0xdead;
    expect(view[0]).toBe(0xdead);
    classes.classOf[0] = expected.classOf[0]!;
    // The memory comes back with the last step: the table grew in it too.
    expect(scratch.freeBytes).toBe(0);
    const table = thread.takeCollections()!;
    expect(Array.from(table.entries)).toEqual(Array.from(expectedCollections.entries));
    expect(table.ordinals.buffer.byteLength).toBe(memory.byteLength);
    expect(scratch.regions().every((region) => region.buffer.byteLength === memory.byteLength)).toBe(true);
    // What comes back never overlaps what the answers use; most of it comes back (short tails the free list drops
    // are not, scratch.ts MIN_KEPT_BYTES).
    const used = [classes.classOf, table.ordinals, table.kinds, table.entries].map((array) => [array.byteOffset, array.byteOffset + array.byteLength]);
    for (const region of scratch.regions()) {
      for (const [start, end] of used) expect(region.offset >= end! || region.offset + region.bytes <= start!).toBe(true);
    }
    expect(scratch.freeBytes).toBeGreaterThan((memory.byteLength - classes.classOf.byteLength) / 2);
  });

  it('started with the analysis, also sums the statistics, equal to this thread\'s, after the helper', async () => {
    const here = analyzeSnapshot(await read(), { helperThread: 'never' });
    const expectedStatistics = heapStatistics(here);
    expect(here.statisticsThread).toBe('main');
    expect(expectedStatistics.strings).toBeGreaterThan(0);
    expect(expectedStatistics.jsArrays).toBeGreaterThan(0);
    const early = analyzeSnapshot(await read(), { helperThread: 'always', summaryStart: 'early' });
    expect(heapStatistics(early)).toEqual(expectedStatistics);
    expect(early.statisticsThread).toBe('worker');
    expect(Array.from(early.classes.classOf)).toEqual(Array.from(expected.classOf));
    expect(early.classesThread).toBe('worker');
    expect(Array.from(early.collections.entries)).toEqual(Array.from(expectedCollections.entries));
    expect(early.collectionsThread).toBe('worker');
    // Started after the dominator step it leaves the statistics here.
    const late = analyzeSnapshot(await read(), { helperThread: 'always', summaryStart: 'late' });
    expect(heapStatistics(late)).toEqual(expectedStatistics);
    expect(late.statisticsThread).toBe('main');
    expect(Array.from(late.classes.classOf)).toEqual(Array.from(expected.classOf));
    expect(late.classesThread).toBe('worker');
  });

  it('started early, leaves the statistics here when the helper did not transfer the sizes', async () => {
    const own = await read();
    const transferred = await read();
    computeShallowSizes(transferred, new ScratchMemory());
    const expectedSums = computeStatisticsSums(transferred, transferred.selfSize, new ScratchMemory());
    // A helper that failed before its transfer: its state words say so, and the self sizes are untransferred.
    const helperState = stateWords(2);
    settle(helperState, 1, StepState.failed);
    settle(helperState, 0, StepState.failed);
    const thread = SummaryThread.start(own, new ScratchMemory(), { after: helperState })!;
    expect(Array.from(thread.takeClasses()!.classOf)).toEqual(Array.from(expected.classOf));
    expect(thread.takeStatistics()).toBeUndefined();
    expect(Array.from(thread.takeCollections()!.entries)).toEqual(Array.from(expectedCollections.entries));
    // The same thread after a helper that transferred them sums what this thread sums.
    const doneState = stateWords(2);
    for (const slot of [1, 2, 0]) settle(doneState, slot, StepState.done);
    const afterTransfer = SummaryThread.start(transferred, new ScratchMemory(), { after: doneState })!;
    expect(afterTransfer.takeStatistics()).toEqual(expectedSums);
    // Not started early: it never sums them, and says so without waiting.
    expect(SummaryThread.start(transferred, new ScratchMemory())!.takeStatistics()).toBeUndefined();
  });

  it('is not used when a column is not shared (edges read on this thread)', async () => {
    const sequential = await readSnapshotFile(file, { edgeWorker: 'never' });
    expect(SummaryThread.start(sequential, new ScratchMemory())).toBeUndefined();
    const analysis = analyzeSnapshot(sequential, { helperThread: 'always' });
    expect(Array.from(analysis.classes.classOf)).toEqual(Array.from(expected.classOf));
    expect(analysis.classesThread).toBe('main');
  });

  it('takes the lent memory back from a thread that failed, and gives no collections', () => {
    const failing = path.join(dir, 'failing.mjs');
    writeFileSync(failing, "import { workerData } from 'node:worker_threads';\nAtomics.store(workerData.state, 1, 3);\nAtomics.store(workerData.state, 0, 3);\nAtomics.notify(workerData.state, 0);\n");
    const { scratch, memory } = markedScratch();
    const thread = SummaryThread.start(snapshot, scratch, { workerFile: failing })!;
    expect(thread.takeClasses()).toBeUndefined();
    expect(scratch.freeBytes).toBe(memory.byteLength);
    expect(thread.takeCollections()).toBeUndefined();
  });

  it('leaves the classes to this thread when the thread has not started, and the late thread writes nothing', async () => {
    // The real worker, started late: it finds its step claimed here and must not touch the lent memory.
    const ended = path.join(dir, 'late-ended');
    const late = path.join(dir, 'late.mjs');
    writeFileSync(late, [
      'import { writeFileSync } from "node:fs";',
      'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);',
      `await import(${JSON.stringify(compiledWorker)});`,
      `writeFileSync(${JSON.stringify(ended)}, "");`,
    ].join('\n'));
    const { scratch, memory } = markedScratch();
    expect(SummaryThread.start(snapshot, scratch, { workerFile: late, startTimeoutMs: 0 })!.takeClasses()).toBeUndefined();
    expect(scratch.freeBytes).toBe(memory.byteLength);
    for (let waited = 0; !existsSync(ended) && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(ended)).toBe(true);
    expect(memory.every((byte) => byte === 0xab)).toBe(true);
  });
});

describe('waiting for another thread', () => {
  it('returns when the thread ended, done or failed, and gives up after the timeout', () => {
    const ended = stateWords(1);
    settle(ended, 0, StepState.failed);
    expect(waitForThreadEnd(ended, 10_000)).toBe(true);
    const running = stateWords(1);
    settle(running, 0, StepState.running);
    const started = performance.now();
    expect(waitForThreadEnd(running, 60)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(waitForThreadEnd(stateWords(1), 20)).toBe(false);
  });
});

describe('scratch memory lending', () => {
  it('lends shared regions, largest first, until the request is covered, and takes them back', () => {
    const scratch = new ScratchMemory();
    const small = new Uint8Array(new SharedArrayBuffer(2 << 20));
    const large = new Uint8Array(new SharedArrayBuffer(8 << 20));
    const plain = new Uint8Array(new ArrayBuffer(16 << 20));
    for (const array of [small, large, plain]) scratch.release(array);
    const lent = scratch.lend(1 << 20);
    expect(lent.map((region) => region.buffer)).toEqual([large.buffer]);
    expect(scratch.lend(64 << 20).map((region) => region.buffer)).toEqual([small.buffer]);
    // Only the unshared region is left here: a worker could not use it.
    expect(scratch.freeBytes).toBe(plain.byteLength);
    scratch.adopt(lent);
    expect(scratch.freeBytes).toBe(plain.byteLength + large.byteLength);
    expect(scratch.uint32(1 << 20).buffer).toBe(large.buffer);
  });
});
