// Snapshots written by real Node processes (v8.writeHeapSnapshot) of known structures: counts, paths, retained sizes.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeSnapshot, classSummary, findCollections, COLLECTION_KINDS, describeCollection, largestCollections, largestObjects,
  nodeDetail, readSnapshotFile, retainerPath, heapStatistics, type HeapAnalysis,
} from '../../src/heap/index.js';
import { runScript, tempDir } from '../helpers/child.js';

import { NODE22 } from '../helpers/node-versions.js';

const MAP_ENTRIES = 2000;
const SET_ENTRIES = 1500;
const ARRAY_ITEMS = 3000;
const DICT_KEYS = 500;
const WEAKMAP_ENTRIES = 100;
const CHAIN_DEPTH = 50;

/** Builds known structures, reports their live sizes, and writes a snapshot. */
const SCRIPT = `
const v8 = require('node:v8');
class Holder { constructor() { this.cache = new Map(); } }
class Entry { constructor(i) { this.id = i; this.payload = 'payload-' + i; } }
globalThis.__holder = new Holder();
for (let i = 0; i < ${MAP_ENTRIES}; i++) globalThis.__holder.cache.set('key-' + i, new Entry(i));
globalThis.__set = new Set();
for (let i = 0; i < ${SET_ENTRIES}; i++) globalThis.__set.add('member-' + i);
globalThis.__list = [];
for (let i = 0; i < ${ARRAY_ITEMS}; i++) globalThis.__list.push({ n: i });
globalThis.__dict = {};
for (let i = 0; i < ${DICT_KEYS}; i++) globalThis.__dict['id' + i] = { i };
globalThis.__keys = [];
globalThis.__weak = new WeakMap();
for (let i = 0; i < ${WEAKMAP_ENTRIES}; i++) { const key = { k: i }; globalThis.__keys.push(key); globalThis.__weak.set(key, { value: i }); }
let chain = function leaf() { return 0; };
for (let i = 0; i < ${CHAIN_DEPTH}; i++) { const inner = chain; chain = function link() { return inner() + 1; }; }
globalThis.__chain = chain;
// Subclasses: the same hash tables under other constructor names, two levels deep for the WeakMap.
class LruCache extends Map {}
class TagSet extends Set {}
class BaseRegistry extends WeakMap {}
class Registry extends BaseRegistry {}
globalThis.__sub = { cache: new LruCache(), tags: new TagSet(), registry: new Registry(), keys: [] };
for (let i = 0; i < 40; i++) { __sub.cache.set(i, { i }); __sub.tags.add('tag' + i); }
for (let i = 0; i < 25; i++) { const key = {}; __sub.keys.push(key); __sub.registry.set(key, { i }); }
const file = v8.writeHeapSnapshot(process.argv[2] || 'known.heapsnapshot');
console.log(JSON.stringify({ file, sizes: { map: __holder.cache.size, set: __set.size, list: __list.length, dict: Object.keys(__dict).length, chain: __chain() } }));
`;

async function snapshotOf(node: string | undefined, dir: string, name: string): Promise<{ analysis: HeapAnalysis; sizes: Record<string, number> }> {
  const output = await runScript(SCRIPT, { dir, name: `${name}.cjs`, node });
  const { file, sizes } = JSON.parse(output.trim().split('\n').pop()!) as { file: string; sizes: Record<string, number> };
  const snapshot = await readSnapshotFile(path.resolve(dir, file));
  return { analysis: analyzeSnapshot(snapshot), sizes };
}

function collectionAt(analysis: HeapAnalysis, exactPath: string, kind: string): ReturnType<typeof describeCollection> {
  const table = findCollections(analysis.snapshot);
  for (let i = 0; i < table.length; i++) {
    if (COLLECTION_KINDS[table.kinds[i]] !== kind) continue;
    const described = describeCollection(analysis, table, i);
    if (described.path === exactPath) return described;
  }
  throw new Error(`no ${kind} at ${exactPath}`);
}

describe('snapshots of real Node processes', () => {
  const temp = tempDir('pooldoc-heap-real-');
  let current: { analysis: HeapAnalysis; sizes: Record<string, number> };
  beforeAll(async () => {
    current = await snapshotOf(undefined, temp.dir, 'node-current');
  });
  afterAll(() => temp.cleanup());

  it('counts Map, Set, Array, WeakMap and dictionary entries exactly as the live process saw them', () => {
    const { analysis, sizes } = current;
    expect(sizes).toMatchObject({ map: MAP_ENTRIES, set: SET_ENTRIES, list: ARRAY_ITEMS, dict: DICT_KEYS, chain: CHAIN_DEPTH });
    expect(collectionAt(analysis, 'global.__holder.cache', 'Map').entries).toBe(MAP_ENTRIES);
    expect(collectionAt(analysis, 'global.__set', 'Set').entries).toBe(SET_ENTRIES);
    expect(collectionAt(analysis, 'global.__list', 'Array').entries).toBe(ARRAY_ITEMS);
    expect(collectionAt(analysis, 'global.__dict', 'Object').entries).toBe(DICT_KEYS);
    expect(collectionAt(analysis, 'global.__weak', 'WeakMap').entries).toBe(WEAKMAP_ENTRIES);
  });

  it('recognises subclasses of Map, Set and WeakMap by their prototype chain, with their own class names', () => {
    const { analysis } = current;
    expect(collectionAt(analysis, 'global.__sub.cache', 'Map')).toMatchObject({ name: 'LruCache', entries: 40 });
    expect(collectionAt(analysis, 'global.__sub.tags', 'Set')).toMatchObject({ name: 'TagSet', entries: 40 });
    expect(collectionAt(analysis, 'global.__sub.registry', 'WeakMap')).toMatchObject({ name: 'Registry', entries: 25 });
  });

  it('renders owner paths from global and ranks the big collections first', () => {
    const { analysis } = current;
    const map = collectionAt(analysis, 'global.__holder.cache', 'Map');
    expect(map.path).toBe('global.__holder.cache');
    const top = largestCollections(analysis, { top: 10 }).map((collection) => collection.path);
    expect(top).toContain('global.__holder.cache');
    const entry = analysis.snapshot.ordinalOfId(nodeDetail(analysis, analysis.snapshot.ordinalOfId(map.id)).dominated[0].id);
    expect(retainerPath(analysis, entry).text).toMatch(/^global\.__holder\.cache\.table(\[\d+\])?/);
  });

  it('gives the Map a retained size covering its entries, and the holder at least the Map', () => {
    const { analysis } = current;
    const map = collectionAt(analysis, 'global.__holder.cache', 'Map');
    const entries = classSummary(analysis, { filter: /^Entry$/ });
    expect(entries).toHaveLength(1);
    expect(entries[0].count).toBe(MAP_ENTRIES);
    // Each Entry is dominated by the Map (its only retainer), so the Map retains all of them.
    expect(map.retainedSize).toBeGreaterThanOrEqual(entries[0].retainedSize);
    expect(entries[0].retainedSize).toBeGreaterThanOrEqual(MAP_ENTRIES * entries[0].shallowSize / entries[0].count);
    const holder = classSummary(analysis, { filter: /^Holder$/ })[0];
    expect(holder.count).toBe(1);
    expect(holder.retainedSize).toBeGreaterThanOrEqual(map.retainedSize);
  });

  it('sums all self sizes into the root, and the closure chain retains every link', () => {
    const { analysis } = current;
    expect(analysis.totalSize).toBe(analysis.snapshot.totalSize());
    const chain = largestObjects(analysis, { top: 50, classFilter: /^Function$/ }).find((object) => object.path === 'global.__chain');
    expect(chain).toBeDefined();
    // 50 links, each a closure plus its context: well over 50 × the smallest closure.
    const links = classSummary(analysis, { filter: /^Function$/ })[0];
    expect(chain!.retainedSize).toBeGreaterThan(CHAIN_DEPTH * (links.shallowSize / links.count));
    const statistics = heapStatistics(analysis);
    expect(statistics.strings).toBeGreaterThan(SET_ENTRIES * 16);
    expect(statistics.total).toBe(analysis.totalSize);
  });

  it('reads a Node 22 snapshot (7 node fields) with the same counts', async () => {
    if (!existsSync(NODE22)) throw new Error(`node22 binary missing at ${NODE22}: see test/helpers/node-versions.ts`);
    const other = await snapshotOf(NODE22, temp.dir, 'node-22');
    expect(other.analysis.snapshot.layout.nodeFields).toContain('detachedness');
    expect(collectionAt(other.analysis, 'global.__holder.cache', 'Map').entries).toBe(MAP_ENTRIES);
    expect(collectionAt(other.analysis, 'global.__set', 'Set').entries).toBe(SET_ENTRIES);
    expect(other.analysis.totalSize).toBe(other.analysis.snapshot.totalSize());
  });
});
