// The WebAssembly number kernel against the JavaScript reference loop: same numbers, same stops, same positions,
// on inputs built to hit its 64-byte blocks, its 1 MB windows and its batch limit at every alignment.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { readSnapshotFile } from '../../src/heap/index.js';
import { SCAN_NUMBERS_SOURCE_SHA256, Stop, createNumberScanner, type ScannerKind } from '../../src/heap/reader/number-scanner.js';
import { buildSnapshot } from './build-snapshot.js';

interface Scanned { numbers: number[]; stops: { stop: Stop; at: number; value?: number }[] }

/** Scans all of `bytes` the way RecordSectionReader does: flushing a full batch, stepping over a stop byte. */
function scanAll(kind: ScannerKind, bytes: Uint8Array, capacity: number): Scanned {
  const scanner = createNumberScanner(capacity, kind);
  const cursor = { i: 0, length: 0, value: 0 };
  const result: Scanned = { numbers: [], stops: [] };
  for (;;) {
    const stop = scanner.scan(bytes, bytes.length, cursor);
    for (const number of scanner.batch.subarray(0, cursor.length)) result.numbers.push(number);
    cursor.length = 0;
    if (stop === Stop.full) continue;
    result.stops.push(stop === Stop.inNumber ? { stop, at: cursor.i, value: cursor.value } : { stop, at: cursor.i });
    if (stop === Stop.other) {
      cursor.i++;
      continue;
    }
    return result;
  }
}

/** Deterministic pseudo-random numbers in [0, 1). */
function randomSource(seed: number): () => number {
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fff_ffff;
    return seed / 2 ** 31;
  };
}

/** Numbers of 1 to `maxDigits` digits joined by separators as V8 writes them (and the rarer JSON whitespace). */
function numberText(count: number, maxDigits: number, seed: number): string {
  const random = randomSource(seed);
  const separators = [',', ',', ',', '\n,', ', ', ',\r\n', '\t,'];
  let text = '';
  for (let k = 0; k < count; k++) {
    const digits = 1 + Math.floor(random() * maxDigits);
    let number = String(1 + Math.floor(random() * 9));
    while (number.length < digits) number += String(Math.floor(random() * 10));
    text += (k ? separators[Math.floor(random() * separators.length)] : '') + number;
  }
  return text;
}

function expectSameScan(text: string | Uint8Array, capacity = 1 << 10): Scanned {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  const wasm = scanAll('wasm', bytes, capacity);
  expect(wasm).toEqual(scanAll('js', bytes, capacity));
  return wasm;
}

describe('number scanner', () => {
  it('is the compiled kernel of the C source in the tree (run scripts/build-wasm.mjs after editing it)', () => {
    const source = readFileSync(new URL('../../src/heap/reader/wasm/scan-numbers.c', import.meta.url));
    expect(createHash('sha256').update(source).digest('hex')).toBe(SCAN_NUMBERS_SOURCE_SHA256);
    // Not the JS fallback in disguise: the kernel's batch lives in WebAssembly memory.
    expect(createNumberScanner(8).batch.buffer.constructor.name).toBe('ArrayBuffer');
    expect(createNumberScanner(8).batch.byteOffset).toBeGreaterThan(0);
  });

  it('reads numbers of every length from 1 to 19 digits exactly, at every alignment to its 64-byte blocks', () => {
    for (let digits = 1; digits <= 19; digits++) {
      const number = '9876543210987654321'.slice(0, digits);
      for (let lead = 0; lead < 70; lead++) {
        const text = `${','.repeat(lead)}${number},${number}${'\n'.repeat(70)}`;
        const { numbers } = expectSameScan(text);
        expect(numbers).toEqual([Number(BigInt(number)), Number(BigInt(number))]);
      }
    }
  });

  it('reads long random streams the same as the reference, with batches filling mid-block', () => {
    for (const [maxDigits, capacity] of [[3, 7], [8, 1 << 10], [10, 33], [12, 1 << 16]] as const) {
      const text = `${numberText(20_000, maxDigits, maxDigits * 31 + capacity)},`;
      const { numbers } = expectSameScan(text, capacity);
      expect(numbers).toHaveLength(20_000);
    }
  });

  it('crosses its 1 MB windows inside numbers and separators', () => {
    const text = `${numberText(400_000, 9, 7)}\n`;
    expect(text.length).toBeGreaterThan(2 << 20);
    const { numbers, stops } = expectSameScan(text, 1 << 20);
    expect(numbers).toHaveLength(400_000);
    expect(stops).toEqual([{ stop: Stop.end, at: text.length }]);
  });

  it('stops at a byte that is neither digit nor separator, wherever it falls, and at a number the end cuts', () => {
    const base = numberText(60, 6, 3);
    for (let at = 0; at < base.length; at += 3) {
      const text = `${base.slice(0, at)}]${base.slice(at)}`;
      const { stops } = expectSameScan(text);
      expect(stops[0]).toEqual({ stop: Stop.other, at });
      expect(stops.at(-1)?.stop).toBe(Stop.inNumber);
    }
    expect(expectSameScan('12,345').stops).toEqual([{ stop: Stop.inNumber, at: 6, value: 345 }]);
    expect(expectSameScan('12,345,').stops).toEqual([{ stop: Stop.end, at: 7 }]);
  });

  it('marks numbers too long for 64 bits out of range rather than wrapping them to small ones', () => {
    const { numbers } = scanAll('wasm', Buffer.from(`${'9'.repeat(25)},1,`), 8);
    expect(numbers[0]).toBeGreaterThan(2 ** 64);
    expect(numbers[1]).toBe(1);
  });
});

describe('snapshot reader with either scanner', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pooldoc-scanner-'));
  it('fills the same columns from the same file', async () => {
    try {
      const random = randomSource(99);
      const nodes = Array.from({ length: 3000 }, (_, i) => ({
        type: 'object', name: `N${i % 40}`, id: 1 + 2 * i, size: Math.floor(random() * 2 ** 34),
        edges: Array.from({ length: Math.floor(random() * 5) }, (_, e) => ({ type: 'property', name: `p${e}`, to: Math.floor(random() * 3000) })),
      }));
      const file = path.join(dir, 'random.heapsnapshot');
      writeFileSync(file, buildSnapshot(nodes));
      for (const chunkBytes of [5, 4096, 1 << 20]) {
        const wasm = await readSnapshotFile(file, { scanner: 'wasm', edgeWorker: 'never', chunkBytes });
        const js = await readSnapshotFile(file, { scanner: 'js', edgeWorker: 'never', chunkBytes });
        for (const column of ['nodeType', 'nodeName', 'nodeId', 'selfSize', 'firstEdge', 'edgeType', 'edgeNameOrIndex', 'edgeTarget'] as const) {
          expect(Array.from(wasm[column]), column).toEqual(Array.from(js[column]));
        }
        expect(wasm.selfSize.some((size) => size > 2 ** 32)).toBe(true);
      }
      // A real snapshot (this test process's own): real ids, sizes, detachedness and a non-empty `locations`.
      const real = writeHeapSnapshot(path.join(dir, 'real.heapsnapshot'));
      const wasm = await readSnapshotFile(real, { scanner: 'wasm', edgeWorker: 'always' });
      const js = await readSnapshotFile(real, { scanner: 'js', edgeWorker: 'never' });
      expect(wasm.locations.length).toBeGreaterThan(0);
      for (const column of ['nodeType', 'nodeName', 'nodeId', 'selfSize', 'detachedness', 'firstEdge', 'edgeType', 'edgeNameOrIndex', 'edgeTarget', 'locations'] as const) {
        expect(Buffer.from(wasm[column].buffer, wasm[column].byteOffset, wasm[column].byteLength).equals(Buffer.from(js[column].buffer, js[column].byteOffset, js[column].byteLength)), column).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
