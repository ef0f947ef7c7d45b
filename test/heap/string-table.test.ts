// The byte-block string table (what the reader stores instead of a string[]), the number list of `locations`, and
// the analysis' scratch memory.
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/heap/index.js';
import { ScratchMemory } from '../../src/heap/analysis/scratch.js';
import { StringTable, StringTableBuilder } from '../../src/heap/string-table.js';
import { NumberListReader } from '../../src/heap/reader/number-list.js';
import { buildSnapshot, type TestNode } from './build-snapshot.js';

describe('string table', () => {
  it('gives back every string exactly, incl. non-ASCII, empty and lone surrogates (which UTF-8 cannot hold)', () => {
    const texts = ['', 'Object', 'caf\u00e9', 'emoji \ud83d\ude00', 'lone \ud800 high', 'lone \udc00 low', 'x'.repeat(70_000), '12'];
    const table = StringTable.from(texts);
    expect(table.length).toBe(texts.length);
    expect(table.toArray()).toEqual(texts);
    expect(table.get(-1)).toBeUndefined();
    expect(table.get(texts.length)).toBeUndefined();
  });

  it('reads lone surrogates written as \\uD800 escapes, as V8 writes strings it cut mid-pair', () => {
    const names = ['cut \ud83d', '\udc00 tail', 'ok \ud83d\ude00'];
    const nodes: TestNode[] = [{ type: 'synthetic', name: '', id: 1, size: 0, edges: names.map((_, i) => ({ type: 'element', name: i, to: i + 1 })) }, ...names.map((name, i) => ({ type: 'string', name, id: 3 + 2 * i, size: 16 }))];
    const snapshot = parseSnapshot(buildSnapshot(nodes));
    names.forEach((name, i) => expect(snapshot.nodeNameOf(i + 1)).toBe(name));
  });

  it('adds a string up to its closing quote only when no backslash comes first, within the limit and the end', () => {
    const bytes = Buffer.from('abc"de\\"f"xyz', 'latin1');
    const builder = new StringTableBuilder();
    expect(builder.addUntilQuote(bytes, 0, bytes.length, 16)).toBe(3);
    // A backslash before the quote, a limit or an end before it: nothing is added.
    expect(builder.addUntilQuote(bytes, 4, bytes.length, 16)).toBe(-1);
    expect(builder.addUntilQuote(bytes, 0, bytes.length, 3)).toBe(-1);
    expect(builder.addUntilQuote(bytes, 0, 3, 16)).toBe(-1);
    expect(builder.addUntilQuote(bytes, 10, bytes.length, 16)).toBe(-1);
    expect(builder.addUntilQuote(bytes, 8, bytes.length, 16)).toBe(9);
    expect(builder.finish().toArray()).toEqual(['abc', 'f']);
  });

  it('grows past a size hint that is too small or negative (a stream caller\'s wrong total)', () => {
    for (const hint of [-100, 0, 5]) {
      const builder = new StringTableBuilder(hint);
      const texts = Array.from({ length: 10_000 }, (_, i) => `s${i}`);
      for (const text of texts) builder.addText(text);
      expect(builder.finish().toArray()).toEqual(texts);
    }
  });

  it('flags the indexes of wanted texts by their bytes, duplicates included', () => {
    const table = StringTable.from(['a', 'Object', 'elements', 'Objec', 'Object', 'caf\u00e9', 'lone \ud800']);
    expect(Array.from(table.indexFlags(['Object', 'caf\u00e9', 'lone \ud800']))).toEqual([0, 1, 0, 0, 1, 2, 3]);
  });

  it('reads decimal slot names as numbers up to the digit limit, everything else as -1', () => {
    const table = StringTable.from(['0', '12', '123456789', '1234567890', '', '1a', '-1', ' 1', '\u0661']);
    expect(Array.from({ length: table.length }, (_, index) => table.decimalValue(index, 9))).toEqual([0, 12, 123456789, -1, -1, -1, -1, -1, -1]);
    expect(table.decimalValue(-1, 9)).toBe(-1);
    expect(table.decimalValue(table.length, 9)).toBe(-1);
  });

  it('grows from a small first guess without losing bytes', () => {
    const builder = new StringTableBuilder(1);
    const source = Buffer.from('abcdefghij'.repeat(10_000));
    for (let i = 0; i < 5_000; i++) builder.addBytes(source, i, i + 20);
    const table = builder.finish();
    expect(table.length).toBe(5_000);
    expect(table.get(4_999)).toBe(source.toString('latin1', 4_999, 5_019));
  });
});

describe('scratch memory', () => {
  it('hands released memory to the next taker, carving large regions, and allocates when nothing fits', () => {
    const scratch = new ScratchMemory();
    const big = scratch.uint32(1 << 20);
    big.fill(7);
    scratch.release(big);
    const first = scratch.int32(1 << 18);
    const second = scratch.uint32(1 << 18);
    expect(first.buffer).toBe(big.buffer);
    expect(second.buffer).toBe(big.buffer);
    // Regions never overlap.
    expect(second.byteOffset).toBeGreaterThanOrEqual(first.byteOffset + first.byteLength);
    const fresh = scratch.uint32(1 << 21);
    expect(fresh.buffer).not.toBe(big.buffer);
    scratch.clear();
    expect(scratch.freeBytes).toBe(0);
  });
});

describe('number list (the locations section)', () => {
  const text = Buffer.from('[1,22,333,\n4444,5,66]', 'latin1');
  const read = (expectedBytes: number | undefined, chunk: number): number[] => {
    const reader = new NumberListReader('list.json', 'locations', 'wasm', expectedBytes);
    for (let i = 0; i < text.length && !reader.done; i += chunk) reader.consume(text, i, Math.min(text.length, i + chunk), i);
    expect(reader.done).toBe(true);
    expect(reader.values().buffer).toBeInstanceOf(SharedArrayBuffer);
    return Array.from(reader.values());
  };

  it('reads into one array sized by the bound, or into chunks without one, cut anywhere', () => {
    for (const chunk of [1, 3, text.length]) {
      expect(read(text.length, chunk)).toEqual([1, 22, 333, 4444, 5, 66]);
      expect(read(undefined, chunk)).toEqual([1, 22, 333, 4444, 5, 66]);
    }
  });

  it('goes on in chunks when a caller gives a bound too small', () => {
    expect(read(4, 1)).toEqual([1, 22, 333, 4444, 5, 66]);
    expect(read(-10, 5)).toEqual([1, 22, 333, 4444, 5, 66]);
  });
});
