// Reader tests on hand-built snapshots: field layouts, escapes, big sizes, unknown sections, arbitrary chunking.
import { describe, expect, it } from 'vitest';
import { parseSnapshot, readSnapshotStream, SnapshotParser } from '../../src/heap/index.js';
import { buildSnapshot, type TestNode } from './build-snapshot.js';

const TINY: TestNode[] = [
  { type: 'synthetic', name: '', id: 1, size: 0, edges: [{ type: 'shortcut', name: 'g', to: 1 }] },
  { type: 'object', name: 'Foo', id: 3, size: 32, edges: [{ type: 'property', name: 'name', to: 2 }] },
  { type: 'string', name: 'hello', id: 5, size: 24 },
];

describe('snapshot reader', () => {
  it('reads the reference example with 7 node fields into columns', () => {
    const snapshot = parseSnapshot(buildSnapshot(TINY, { fields: 7 }));
    expect(snapshot.nodeCount).toBe(3);
    expect(snapshot.edgeCount).toBe(2);
    expect(Array.from(snapshot.nodeId)).toEqual([1, 3, 5]);
    expect(Array.from(snapshot.selfSize)).toEqual([0, 32, 24]);
    expect(Array.from(snapshot.firstEdge)).toEqual([0, 1, 2, 2]);
    expect(Array.from(snapshot.edgeTarget)).toEqual([1, 2]);
    expect(snapshot.nodeNameOf(1)).toBe('Foo');
    expect(snapshot.nodeTypeName(2)).toBe('string');
    expect(snapshot.edgeName(1)).toBe('name');
    expect(snapshot.edgeTypeName(0)).toBe('shortcut');
  });

  it('reads 6-field snapshots (Node 24 dropped trace_node_id) from meta offsets', () => {
    const snapshot = parseSnapshot(buildSnapshot(TINY, { fields: 6 }));
    expect(snapshot.layout.nodeFieldCount).toBe(6);
    expect(Array.from(snapshot.edgeTarget)).toEqual([1, 2]);
    expect(Array.from(snapshot.selfSize)).toEqual([0, 32, 24]);
  });

  it('accepts edge_count written as a double and skips unknown sections of any shape', () => {
    const text = buildSnapshot(TINY, { edgeCountAsDouble: true, extraSections: { scope_infos: '[{"a":[1,"]}"]},"x\\"y"]', extra_number: '12.5e3' } });
    const snapshot = parseSnapshot(text);
    expect(snapshot.edgeCount).toBe(2);
    expect(snapshot.strings.toArray()).toContain('hello');
  });

  it('keeps self sizes above 2^32 exactly', () => {
    const big = 2 ** 32 + 12345;
    const nodes = structuredClone(TINY);
    nodes[1].size = big;
    const snapshot = parseSnapshot(buildSnapshot(nodes));
    expect(snapshot.selfSize[1]).toBe(big);
    expect(snapshot.totalSize()).toBe(big + 24);
  });

  it('reads numbers around the int32 fast path exactly (9, 10 and 13 digits), split at every byte', () => {
    // The byte parser accumulates up to 9 digits in int32 and re-reads longer numbers as doubles.
    const sizes = [999_999_999, 2 ** 31, 2 ** 32 + 12345, 4_999_999_999_999];
    const nodes = structuredClone(TINY);
    nodes[1].size = sizes[0];
    nodes[2].size = sizes[1];
    nodes.push(...sizes.slice(2).map((size, i) => ({ type: 'string', name: 's', id: 2 ** 31 + 2 * i, size })));
    const bytes = Buffer.from(buildSnapshot(nodes), 'utf8');
    for (let split = 1; split < bytes.length; split++) {
      const parser = new SnapshotParser('split');
      parser.push(bytes.subarray(0, split));
      parser.push(bytes.subarray(split));
      const parsed = parser.finish();
      expect(Array.from(parsed.selfSize.subarray(1))).toEqual(sizes);
      expect(Array.from(parsed.nodeId.subarray(3))).toEqual([2 ** 31, 2 ** 31 + 2]);
    }
  });

  it('decodes JSON escapes: \\uXXXX incl. surrogate pairs, \\n, \\", \\\\', () => {
    const names = ['caf\u00e9', 'emoji \ud83d\ude00', 'line\nbreak', 'quote " inside', 'back\\slash', 'tab\tand \u0001 control', '\\"'];
    const nodes: TestNode[] = [{ type: 'synthetic', name: '', id: 1, size: 0, edges: names.map((_, i) => ({ type: 'element', name: i, to: i + 1 })) }, ...names.map((name, i) => ({ type: 'string', name, id: 3 + 2 * i, size: 16 }))];
    // V8 writes ASCII only: escape every non-ASCII character as \uXXXX, as the real serializer does.
    const text = buildSnapshot(nodes).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(text).toContain('\\ud83d\\ude00');
    const snapshot = parseSnapshot(text);
    names.forEach((name, i) => expect(snapshot.nodeNameOf(i + 1)).toBe(name));
  });

  it('gives identical results however the bytes are split into chunks', () => {
    // Short plain strings take the reader's byte-loop path; one past its 256-byte window, one with an escape
    // inside the window and one past it take the general path: every split point of each is tried.
    const names = ['a\\"b', 'x'.repeat(50), 'esc\\\\', '\u00e9', 'y'.repeat(300), `${'z'.repeat(200)}\\n`, `${'w'.repeat(280)}\\"q`];
    const nodes: TestNode[] = [...structuredClone(TINY), ...names.map((name, i) => ({ type: 'string', name, id: 101 + i * 2, size: 8 + i }))];
    nodes[0].edges!.push(...names.map((_, i) => ({ type: 'element', name: i, to: 3 + i })));
    const bytes = Buffer.from(buildSnapshot(nodes), 'utf8');
    const whole = parseSnapshot(bytes);
    expect(whole.strings.toArray()).toEqual(expect.arrayContaining(names));
    for (let split = 1; split < bytes.length; split++) {
      const parser = new SnapshotParser('split');
      parser.push(bytes.subarray(0, split));
      parser.push(bytes.subarray(split));
      const parsed = parser.finish();
      expect(parsed.strings.toArray()).toEqual(whole.strings.toArray());
      expect(Array.from(parsed.edgeTarget)).toEqual(Array.from(whole.edgeTarget));
      expect(Array.from(parsed.selfSize)).toEqual(Array.from(whole.selfSize));
    }
  });

  it('reads a stream of string chunks as the CDP delivers them', async () => {
    const text = buildSnapshot(TINY);
    async function* chunks(): AsyncGenerator<string> {
      for (let i = 0; i < text.length; i += 7) yield text.slice(i, i + 7);
    }
    const snapshot = await readSnapshotStream(chunks(), { label: 'pid 1 snapshot' });
    expect(snapshot.label).toBe('pid 1 snapshot');
    expect(snapshot.nodeNameOf(2)).toBe('hello');
  });
});
