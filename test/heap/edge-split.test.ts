// The `edges` section split between the edge thread (from the start) and the main thread (from the end): every
// split point gives the single-thread columns, and a split that does not fit is voided, never kept wrong.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshotFile, type HeapSnapshot } from '../../src/heap/index.js';
import type { SnapshotLayout } from '../../src/heap/layout.js';
import { PieceClaims, readTail } from '../../src/heap/reader/edge-split.js';
import { edgeColumnsOver, joinSplit, parseEdgeSection } from '../../src/heap/reader/parallel-edges.js';
import { readErrorOf } from '../helpers/read-error.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pooldoc-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A child Node process's snapshot, as V8 writes it (one record a line), with 30 k more objects: a few MB, where
// this test process's own would be tens.
const v8File = path.join(dir, 'child.heapsnapshot');
execFileSync(process.execPath, ['-e', `globalThis.ballast = Array.from({ length: 30000 }, (_, i) => ({ i, next: [i] })); require('node:v8').writeHeapSnapshot(${JSON.stringify(v8File)});`]);
const v8Text = readFileSync(v8File, 'latin1');
const SEQUENTIAL = { edgeWorker: 'never' } as const;
/** Pieces the tests cut `edges` into. */
const PIECES = 12;

/** The edge columns as one hex digest each (equal columns, equal digests; far faster to compare than arrays). */
function edgesOf(snapshot: Pick<HeapSnapshot, 'edgeType' | 'edgeNameOrIndex' | 'edgeTarget'>): string[] {
  return [snapshot.edgeType, snapshot.edgeNameOrIndex, snapshot.edgeTarget].map((column) => createHash('sha256').update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength)).digest('hex'));
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(text, 'latin1'));
  return file;
}

/** Where `edges` opens and closes in a text. */
function section(text: string): { open: number; close: number } {
  const open = text.indexOf('[', text.indexOf('"edges":'));
  return { open, close: text.indexOf(']', open) };
}

/**
 * One split, run in this thread in the order that fixes it: the "main thread" takes its last `taken` pieces first,
 * then the "edge thread" reads from the start and stops where they begin.
 */
function splitAt(file: string, layout: SnapshotLayout, taken: number, pieceBytes: number) {
  const { open, close } = section(readFileSync(file, 'latin1'));
  const count = layout.edgeCount;
  const shared = { edgeType: new SharedArrayBuffer(count), edgeNameOrIndex: new SharedArrayBuffer(count * 4), edgeTarget: new SharedArrayBuffer(count * 4), claims: PieceClaims.allocate() };
  const columns = edgeColumnsOver(shared);
  const fd = openSync(file, 'r');
  try {
    const share = readTail({ file, fd, layout, columns, claims: new PieceClaims(shared.claims), sectionStart: open, sectionClose: close, pieceBytes, chunkBytes: 1 << 16, maxPieces: taken });
    const answer = parseEdgeSection({ file, layout, start: open, chunkBytes: 1 << 16, pieceBytes, shared });
    const joined = answer.kind === 'split' ? joinSplit(answer, share, count, close) : answer;
    return { share, answer, joined, columns, close };
  } finally {
    closeSync(fd);
  }
}

describe('piece claims', () => {
  it('gives each piece to one side only, never piece 0 to the main thread', () => {
    const claims = new PieceClaims(PieceClaims.allocate());
    // The edge thread takes pieces from the front while the main thread has taken none (no end known yet).
    expect([claims.claimFront(), claims.claimFront()]).toEqual([0, 1]);
    expect([claims.claimBack(5), claims.claimBack(5)]).toEqual([4, 3]);
    expect(claims.claimFront()).toBe(2);
    // Pieces 0–2 are the edge thread's, 3–4 the main thread's: nothing is left for either.
    expect(claims.claimFront()).toBe(-1);
    expect(claims.claimBack(5)).toBe(-1);
    const alone = new PieceClaims(PieceClaims.allocate());
    expect([alone.claimBack(3), alone.claimBack(3), alone.claimBack(3)]).toEqual([2, 1, -1]);
    expect([alone.claimFront(), alone.claimFront()]).toEqual([0, -1]);
  });
});

describe('the edges section split between the two threads', () => {
  it('gives the single-thread columns at every split point of a file V8 wrote', async () => {
    const sequential = await readSnapshotFile(v8File, SEQUENTIAL);
    const { open, close } = section(v8Text);
    const pieceBytes = Math.ceil((close - open) / PIECES);
    const count = sequential.edgeCount;
    const alone = parseEdgeSection({ file: v8File, layout: sequential.layout, start: open, chunkBytes: 1 << 16, shared: { edgeType: new SharedArrayBuffer(count), edgeNameOrIndex: new SharedArrayBuffer(count * 4), edgeTarget: new SharedArrayBuffer(count * 4) } });
    expect(alone.kind).toBe('done');
    for (let taken = 0; taken < PIECES; taken++) {
      const { share, answer, joined, columns } = splitAt(v8File, sequential.layout, taken, pieceBytes);
      expect(joined, `taken ${taken}`).toEqual({ kind: 'done', start: open, end: close + 1, maxNameIndex: (alone as { maxNameIndex: number }).maxNameIndex });
      if (taken === 0) {
        expect(answer.kind).toBe('done');
      } else {
        // The split really happened: the worker stopped where the main thread's share starts, both shares hold records.
        expect(answer).toMatchObject({ kind: 'split', stop: share.from });
        expect(share.records, `taken ${taken}`).toBeGreaterThan(0);
        expect(share.records, `taken ${taken}`).toBeLessThan(sequential.edgeCount);
      }
      expect(edgesOf(columns), `taken ${taken}`).toEqual(edgesOf(sequential));
    }
  });

  it('voids a split whose pieces do not start on a record (one number a line) and keeps any that fit', async () => {
    const { open, close } = section(v8Text);
    const variant = write('number-a-line.heapsnapshot', v8Text.slice(0, open) + v8Text.slice(open, close).replace(/,/g, ',\n') + v8Text.slice(close));
    const sequential = await readSnapshotFile(variant, SEQUENTIAL);
    expect(edgesOf(sequential)).toEqual(edgesOf(await readSnapshotFile(v8File, SEQUENTIAL)));
    const variantSection = section(readFileSync(variant, 'latin1'));
    const pieceBytes = Math.ceil((variantSection.close - variantSection.open) / PIECES);
    let voided = 0;
    for (let taken = 1; taken < PIECES; taken++) {
      const { joined, columns } = splitAt(variant, sequential.layout, taken, pieceBytes);
      if (joined === undefined) voided++;
      else expect(edgesOf(columns), `taken ${taken}`).toEqual(edgesOf(sequential));
    }
    // Two in three piece starts fall inside a record: most splits are voided (the reader then reads it in one pass).
    expect(voided).toBeGreaterThan(0);
    for (let round = 0; round < 3; round++) {
      expect(edgesOf(await readSnapshotFile(variant, { edgeWorker: 'always', edgePieceBytes: 4096 }))).toEqual(edgesOf(sequential));
    }
  });

  it('voids the main thread\'s share when its pieces hold bad input; the read reports the single-thread error', async () => {
    const sequential = await readSnapshotFile(v8File, SEQUENTIAL);
    const { open, close } = section(v8Text);
    const badAt = v8Text.lastIndexOf(',', close - 100) + 1;
    const corrupt = write('bad-tail.heapsnapshot', v8Text.slice(0, badAt) + 'x' + v8Text.slice(badAt + 1));
    const pieceBytes = Math.ceil((close - open) / PIECES);
    const { share, joined } = splitAt(corrupt, sequential.layout, 2, pieceBytes);
    expect(share.valid).toBe(false);
    expect(joined).toBeUndefined();
    const expected = await readErrorOf(corrupt, SEQUENTIAL);
    expect(expected).toMatch(/\(byte \d+\): bad number in "edges"/);
    for (const edgePieceBytes of [pieceBytes, 4096]) {
      expect(await readErrorOf(corrupt, { edgeWorker: 'always', edgePieceBytes })).toBe(expected);
    }
  });

  it('voids a split whose records do not add up to the header\'s count; the read reports the single-thread error', async () => {
    const { layout } = await readSnapshotFile(v8File, SEQUENTIAL);
    const { open, close } = section(v8Text);
    // One record more than the header's edge_count, at the end: in the main thread's share.
    const variant = write('extra-edge.heapsnapshot', `${v8Text.slice(0, close)}\n,1,1,0${v8Text.slice(close)}`);
    const expected = await readErrorOf(variant, SEQUENTIAL);
    expect(expected).toMatch(/\(byte \d+\): "edges" holds/);
    const { share, answer, joined } = splitAt(variant, layout, 3, Math.ceil((close - open) / PIECES));
    expect(share.valid).toBe(true);
    expect(answer.kind).toBe('split');
    expect((answer as { records: number }).records + share.records).toBe(layout.edgeCount + 1);
    expect(joined).toBeUndefined();
    expect(await readErrorOf(variant, { edgeWorker: 'always', edgePieceBytes: 4096 })).toBe(expected);
  });

  it('reads the same columns with the two threads racing on small pieces', async () => {
    const sequential = edgesOf(await readSnapshotFile(v8File, SEQUENTIAL));
    for (const edgePieceBytes of [512, 4096, 65536]) {
      expect(edgesOf(await readSnapshotFile(v8File, { edgeWorker: 'always', edgePieceBytes })), `${edgePieceBytes}`).toEqual(sequential);
    }
  });
});
