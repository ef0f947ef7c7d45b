// The edge worker thread: the same columns as the single-thread read, and the same one-line errors on bad input.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshotFile, type HeapSnapshot } from '../../src/heap/index.js';
import { edgeWorkerFile, lastNodeLineAtOrAfter, parseEdgeSection, startEdgeJob } from '../../src/heap/reader/parallel-edges.js';
import { readErrorOf } from '../helpers/read-error.js';
import { buildSnapshot, type TestNode } from './build-snapshot.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pooldoc-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic graph: every node has 0–5 edges of every type to pseudo-random targets, names with escapes. */
function graph(nodeCount: number): TestNode[] {
  let seed = 12345;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fff_ffff;
    return seed / 2 ** 31;
  };
  const types = ['property', 'element', 'internal', 'hidden', 'context', 'weak'];
  return Array.from({ length: nodeCount }, (_, i) => ({
    type: i === 0 ? 'synthetic' : 'object',
    name: i % 7 === 0 ? `esc "${i}" \u00e9` : `N${i % 50}`,
    // Ten-digit ids and sizes: the nodes alone outweigh the header's size sanity check (2 bytes per value), so a
    // file cut inside `edges` gets to the truncation error instead of "more than the file can hold".
    id: 1_000_000_001 + 2 * i,
    size: i === 0 ? 0 : Math.floor(random() * 2 ** 33),
    edges: Array.from({ length: i === 0 ? 3 : Math.floor(random() * 6) }, (_, e) => {
      const type = types[Math.floor(random() * types.length)];
      return { type, name: type === 'element' || type === 'hidden' ? Math.floor(random() * 10_000) : `p${e}`, to: Math.floor(random() * nodeCount) };
    }),
  }));
}

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function columnsOf(snapshot: HeapSnapshot): unknown[] {
  const { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget, locations } = snapshot;
  return [...[nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget, locations].map((column) => Array.from(column)), snapshot.strings.toArray()];
}

const SEQUENTIAL = { edgeWorker: 'never' } as const;
const PARALLEL = { edgeWorker: 'always' } as const;
const text = buildSnapshot(graph(400));
const file = write('graph.heapsnapshot', text);
const edgesStart = text.indexOf('"edges":[') + '"edges":['.length;
const edgesEnd = text.indexOf(']', edgesStart);

describe('edge worker thread', () => {
  it('is built (npm test builds first), so the parallel path below really runs', () => {
    expect(edgeWorkerFile()).toBeDefined();
  });

  it('fills shared columns identical to the single-thread read, whatever the chunk size', async () => {
    const sequential = await readSnapshotFile(file, SEQUENTIAL);
    expect(sequential.edgeTarget.buffer).toBeInstanceOf(ArrayBuffer);
    // Tiny and odd chunk sizes cut numbers, records and the section brackets at every kind of place, in both threads.
    for (const chunkBytes of [1, 2, 3, 7, 64, 4093, 1 << 20]) {
      const parallel = await readSnapshotFile(file, { ...PARALLEL, chunkBytes });
      expect(parallel.edgeTarget.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(columnsOf(parallel)).toEqual(columnsOf(sequential));
    }
  });

  it('parses the section in this thread when the worker cannot start', async () => {
    const sequential = await readSnapshotFile(file, SEQUENTIAL);
    const start = text.indexOf('[', text.indexOf('"edges":'));
    const job = startEdgeJob(path.join(dir, 'no-such-worker.js'), { file, layout: sequential.layout, start, chunkBytes: 1 << 16 });
    expect(await job.result(start)).toEqual({ kind: 'done', maxNameIndex: expect.any(Number), start, end: edgesEnd + 1 });
    expect(Array.from(job.columns.edgeTarget)).toEqual(Array.from(sequential.edgeTarget));
    expect(Array.from(job.columns.edgeNameOrIndex)).toEqual(Array.from(sequential.edgeNameOrIndex));
    expect(Array.from(job.columns.edgeType)).toEqual(Array.from(sequential.edgeType));
  });

  it('finds `edges` after `nodes` itself, and leaves a section it cannot find to this thread', async () => {
    const sequential = await readSnapshotFile(file, SEQUENTIAL);
    const nodesEnd = text.indexOf('],', text.indexOf('"nodes":['));
    const variants = {
      // JSON allows whitespace around every token: the worker still finds the section.
      spaced: `${text.slice(0, nodesEnd)}] ,\n  "edges" :\n[${text.slice(edgesStart)}`,
      // Another member between the two (not V8's order): the worker does not find it, this thread parses it.
      'member-between': `${text.slice(0, nodesEnd)}],"extra":{"a":[1,2]},"edges":[${text.slice(edgesStart)}`,
    };
    for (const [name, content] of Object.entries(variants)) {
      const variant = write(`${name}.heapsnapshot`, content);
      for (const chunkBytes of [7, 1 << 20]) {
        const parallel = await readSnapshotFile(variant, { ...PARALLEL, chunkBytes });
        expect(parallel.edgeTarget.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(columnsOf(parallel), name).toEqual(columnsOf(sequential));
      }
    }
  });

  it('reports truncation anywhere with the single-thread message and byte offset', async () => {
    const bytes = Buffer.from(text);
    const cuts = [edgesStart - 1, edgesStart, edgesStart + 1, Math.floor((edgesStart + edgesEnd) / 2), edgesEnd - 1, edgesEnd, edgesEnd + 1, bytes.length - 2];
    for (const cut of cuts) {
      const truncated = write(`cut-${cut}.heapsnapshot`, bytes.subarray(0, cut));
      const expected = await readErrorOf(truncated, SEQUENTIAL);
      expect(expected).toMatch(cut > edgesStart && cut <= edgesEnd ? /\(byte \d+\): truncated: input ends inside "edges"/ : /\(byte \d+\): truncated/);
      expect(await readErrorOf(truncated, { ...PARALLEL, chunkBytes: 5 })).toBe(expected);
      expect(await readErrorOf(truncated, PARALLEL)).toBe(expected);
    }
  });

  it('reports corrupt edges, and the first problem in file order when later sections are bad too', async () => {
    const middle = text.indexOf(',', Math.floor((edgesStart + edgesEnd) / 2)) + 1;
    const badEdge = text.slice(0, middle) + 'x' + text.slice(middle + 1);
    const outOfRange = text.slice(0, edgesEnd) + ',0,0,999999' + text.slice(edgesEnd);
    const badStrings = badEdge.replace('"strings":[', '"strings":[{');
    // A bad node before the bad edge: the worker, started with `nodes`, reads the bad edge first; the node wins.
    const nodeAt = text.indexOf(',', text.indexOf('"nodes":[') + 200) + 1;
    const badNodeToo = badEdge.slice(0, nodeAt) + 'y' + badEdge.slice(nodeAt + 1);
    for (const [name, content] of [['bad-edge', badEdge], ['extra-edge', outOfRange], ['two-problems', badStrings], ['node-and-edge', badNodeToo]]) {
      const corrupt = write(`${name}.heapsnapshot`, content);
      const expected = await readErrorOf(corrupt, SEQUENTIAL);
      expect(expected).toMatch(/\(byte \d+\)/);
      expect(await readErrorOf(corrupt, PARALLEL)).toBe(expected);
    }
  });
});

describe('the edge worker finding `edges` in a file V8 wrote', () => {
  // This process's own snapshot, with 60 k more objects: `nodes` spans megabytes, one record a line, as V8 writes it.
  const ballast = Array.from({ length: 60_000 }, (_, i) => ({ i }));
  const v8File = writeHeapSnapshot(path.join(dir, 'self.heapsnapshot'));
  expect(ballast.length).toBe(60_000);
  const v8Text = readFileSync(v8File, 'latin1');
  const variants = {
    v8: v8Text,
    // Windows line ends: still one record a line.
    crlf: v8Text.replace(/\n/g, '\r\n'),
    // No line breaks at all (a re-serialised file): the bisection has nothing to go by and the scan reads `nodes`.
    'one line': v8Text.replace(/\n/g, ''),
  };

  it('bisects to the end of `nodes` by line shape and starts the section where this thread finds it', async () => {
    const expected = columnsOf(await readSnapshotFile(v8File, SEQUENTIAL));
    for (const [name, content] of Object.entries(variants)) {
      const variant = write(`${name}.heapsnapshot`, Buffer.from(content, 'latin1'));
      const nodesStart = content.indexOf('"nodes":[') + '"nodes":'.length;
      const nodesEnd = content.indexOf(']', nodesStart);
      const edgesOpen = content.indexOf('[', content.indexOf('"edges":'));
      expect(nodesEnd - nodesStart, name).toBeGreaterThan(2 << 20);
      const { layout } = await readSnapshotFile(variant, SEQUENTIAL);
      const fd = openSync(variant, 'r');
      const hint = lastNodeLineAtOrAfter(fd, nodesStart, layout);
      closeSync(fd);
      if (name === 'one line') {
        expect(hint, name).toBe(nodesStart);
      } else {
        // Inside `nodes`, within the last MB: the worker read a fraction of what the section takes.
        expect(hint, name).toBeLessThan(nodesEnd);
        expect(nodesEnd - hint, name).toBeLessThan(1 << 20);
      }
      const shared = { edgeType: new SharedArrayBuffer(layout.edgeCount), edgeNameOrIndex: new SharedArrayBuffer(layout.edgeCount * 4), edgeTarget: new SharedArrayBuffer(layout.edgeCount * 4) };
      const result = parseEdgeSection({ file: variant, layout, start: { after: nodesStart }, chunkBytes: 1 << 20, shared });
      expect(result, name).toMatchObject({ kind: 'done', start: edgesOpen });
      expect(columnsOf(await readSnapshotFile(variant, PARALLEL)), name).toEqual(expected);
    }
  });
});
