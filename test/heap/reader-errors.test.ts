// Bad input never crashes the reader: every failure is an InputError naming the input and a byte offset.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { analyzeSnapshot, classSummary, largestCollections, largestObjects, parseSnapshot, readSnapshotFile } from '../../src/heap/index.js';
import { tempDir } from '../helpers/child.js';
import { buildSnapshot, withRoots } from './build-snapshot.js';

const VALID = buildSnapshot(withRoots(
  [{ type: 'object', name: 'Map', id: 7, size: 32, edges: [{ type: 'internal', name: 'table', to: 4 }] },
    { type: 'array', name: '', id: 9, size: 64, edges: [{ type: 'internal', name: '3', to: 5 }, { type: 'internal', name: '4', to: 5 }] },
    { type: 'string', name: 'k\\u00e9y "q"', id: 11, size: 16 }],
  [{ type: 'property', name: 'cache', to: 3 }],
));

function parseError(text: string | Buffer): InputError {
  try {
    parseSnapshot(text, 'bad.heapsnapshot');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('reader errors', () => {
  const temp = tempDir('pooldoc-heap-errors-');
  afterAll(() => temp.cleanup());

  it.each([
    ['empty file', '', /empty file/],
    ['whitespace only', '  \n', /no JSON content/],
    ['not JSON', 'hello world', /not JSON/],
    ['JSON that is not a snapshot', '{"name":"package","version":"1.0.0"}', /not a V8 heap snapshot/],
    ['an array', '[1,2,3]', /not JSON: expected '\{'/],
    ['a header without meta', '{"snapshot":{"node_count":1}}', /no "snapshot.meta"/],
    ['nodes before header', '{"nodes":[1]}', /comes before the "snapshot" header/],
  ])('rejects %s with one line naming the file', (_label, text, pattern) => {
    const error = parseError(text);
    expect(error.message).toMatch(pattern);
    expect(error.message.startsWith('bad.heapsnapshot')).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('rejects count mismatches with the byte offset of the section end', () => {
    const fewerNodes = VALID.replace('"node_count":6', '"node_count":7');
    expect(parseError(fewerNodes).message).toMatch(/"nodes" holds 42 values, the header promises 7 × 7/);
    const moreEdges = VALID.replace(/"edge_count":(\d+)/, (_m, n: string) => `"edge_count":${Number(n) + 1}`);
    expect(parseError(moreEdges).message).toMatch(/edge counts add up to \d+, the header says edge_count/);
    const error = parseError(fewerNodes);
    expect(error.position?.offset).toBe(VALID.indexOf('],\n"edges"'));
  });

  it('rejects bad numbers and out-of-range references', () => {
    expect(parseError(VALID.replace('"nodes":[9', '"nodes":[x')).message).toMatch(/bad number in "nodes": unexpected 'x'/);
    expect(parseError(VALID.replace('"nodes":[9', '"nodes":[-9')).message).toMatch(/bad number/);
    expect(parseError(VALID.replace(/"edges":\[(\d+),(\d+),(\d+)/, '"edges":[$1,$2,3')).message).toMatch(/edge target 3 is not a node index/);
  });

  it('fails on truncation at every byte with an InputError, never a crash', () => {
    const bytes = Buffer.from(VALID);
    for (let length = 0; length < bytes.length; length++) {
      const error = parseError(bytes.subarray(0, length));
      expect(error.position?.offset ?? 0).toBeLessThanOrEqual(length);
    }
  });

  it('survives every single-byte flip: an InputError or a snapshot that analyses', () => {
    const bytes = Buffer.from(VALID);
    const replacements = [0x39, 0x22, 0x5d, 0x5c];
    let parsed = 0;
    for (let at = 0; at < bytes.length; at++) {
      for (const replacement of replacements) {
        const copy = Buffer.from(bytes);
        copy[at] = replacement;
        let snapshot;
        try {
          snapshot = parseSnapshot(copy, 'flip');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          continue;
        }
        parsed++;
        const analysis = analyzeSnapshot(snapshot);
        classSummary(analysis);
        largestObjects(analysis);
        largestCollections(analysis);
        expect(analysis.totalSize).toBe(snapshot.totalSize());
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });

  it('reports missing files, directories and unreadable files as InputError', async () => {
    await expect(readSnapshotFile(path.join(temp.dir, 'missing.heapsnapshot'))).rejects.toThrow(/no such file/);
    const dir = path.join(temp.dir, 'adir');
    mkdirSync(dir);
    await expect(readSnapshotFile(dir)).rejects.toThrow(/is a directory/);
    const file = path.join(temp.dir, 'locked.heapsnapshot');
    writeFileSync(file, VALID, { mode: 0o000 });
    if (process.getuid?.() !== 0) await expect(readSnapshotFile(file)).rejects.toThrow(/permission denied/);
    const good = path.join(temp.dir, 'good.heapsnapshot');
    writeFileSync(good, VALID);
    await expect(readSnapshotFile(good)).resolves.toMatchObject({ nodeCount: 6 });
  });
});
