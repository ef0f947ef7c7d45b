// Finds collections (Map, Set, WeakMap, WeakSet, Array, objects used as dictionaries) and counts their entries.
import type { HeapAnalysis } from './analyze.js';
import { retainerPath } from './paths.js';
import type { HeapSnapshot } from './snapshot.js';

export const COLLECTION_KINDS = ['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object'] as const;
export type CollectionKind = (typeof COLLECTION_KINDS)[number];

/**
 * A plain or class object counts as a dictionary from this many own properties. Hand-written classes and config
 * objects have a few dozen at most, and V8 itself gives up on fast properties for objects that keep growing (they
 * turn into dictionary-mode objects well below this), so more than this means keys are data, e.g. `cache[id] = …`.
 */
export const DICTIONARY_MIN_PROPERTIES = 64;

/** All collections of a snapshot, column-wise (there can be millions of small arrays). */
export interface CollectionTable {
  ordinals: Uint32Array;
  /** Index into COLLECTION_KINDS. */
  kinds: Uint8Array;
  /** Entry count; a lower bound, since slots holding only Smis/oddballs are not in the snapshot. */
  entries: Uint32Array;
  length: number;
}

/** One collection, described for reports. */
export interface Collection {
  id: number;
  kind: CollectionKind;
  /** Class name: `Map`, `Array`, `{a, b}`, `Foo`. */
  name: string;
  entries: number;
  retainedSize: number;
  shallowSize: number;
  /** Shortest retainer path from the GC roots, e.g. `global.__mgr.queryCache`. */
  path: string;
}

const KIND_BY_CONSTRUCTOR: Record<string, number> = { Map: 0, Set: 1, WeakMap: 2, WeakSet: 3, Array: 4 };
const OBJECT_KIND = 5;
const NUMERIC_NAME = /^\d+$/;

/** The target of the first `internal` edge with this name, or -1. */
function internalChild(snapshot: HeapSnapshot, ordinal: number, name: string, type = snapshot.edgeTypes.internal): number {
  const { firstEdge, edgeType, edgeNameOrIndex, edgeTarget, strings } = snapshot;
  for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) {
    if (edgeType[edge] === type && strings[edgeNameOrIndex[edge]] === name) return edgeTarget[edge];
  }
  return -1;
}

/** Index of the string "table" per snapshot (-1 when absent): lets every object be tested by integer compare. */
const tableNames = new WeakMap<HeapSnapshot, number>();

function hasTableEdge(snapshot: HeapSnapshot, ordinal: number): boolean {
  let name = tableNames.get(snapshot);
  if (name === undefined) {
    name = snapshot.strings.indexOf('table');
    tableNames.set(snapshot, name);
  }
  if (name < 0) return false;
  const { firstEdge, edgeType, edgeNameOrIndex } = snapshot;
  const internal = snapshot.edgeTypes.internal;
  for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) if (edgeNameOrIndex[edge] === name && edgeType[edge] === internal) return true;
  return false;
}

/** Prototype links followed to find the built-in a subclass extends (`class Cache extends Map`: 2). */
const MAX_PROTOTYPE_DEPTH = 6;

/**
 * Kind of a hash-table collection whose constructor is not a built-in name: a subclass of Map, Set, WeakMap or
 * WeakSet. Its instances have the same `table` edge; the built-in is found up the `__proto__` chain, where the
 * built-in's prototype object carries its name.
 */
function subclassedKind(snapshot: HeapSnapshot, ordinal: number): number | undefined {
  const property = snapshot.edgeTypes.property;
  let node = ordinal;
  for (let depth = 0; depth < MAX_PROTOTYPE_DEPTH; depth++) {
    node = internalChild(snapshot, node, '__proto__', property);
    if (node < 0) return undefined;
    const kind = KIND_BY_CONSTRUCTOR[snapshot.nodeNameOf(node)];
    if (kind !== undefined) return kind <= 3 ? kind : undefined;
  }
  return undefined;
}

/** Numeric value of each string (slot names like "12"), -1 for non-numeric ones; computed once per snapshot. */
const numericNames = new WeakMap<HeapSnapshot, Int32Array>();

function numericNameTable(snapshot: HeapSnapshot): Int32Array {
  let table = numericNames.get(snapshot);
  if (!table) {
    table = new Int32Array(snapshot.strings.length);
    snapshot.strings.forEach((text, index) => (table![index] = NUMERIC_NAME.test(text) && text.length < 10 ? Number(text) : -1));
    numericNames.set(snapshot, table);
  }
  return table;
}

/**
 * Entries of a hash table (the `table` array of a Map/Set/WeakMap/WeakSet): its slot edges are named by slot
 * index. A Set entry is one visible slot (key); a Map entry is [key, value, chain], so a key and value both
 * visible show as two adjacent slots: entries = slots − adjacent pairs. (Matched `.size` on Node 20.)
 */
export function hashTableEntries(snapshot: HeapSnapshot, table: number, pairs: boolean): number {
  const { firstEdge, edgeType, edgeNameOrIndex } = snapshot;
  const { element, hidden } = snapshot.edgeTypes;
  const numeric = numericNameTable(snapshot);
  let slots = 0;
  let adjacent = 0;
  let previous = -2;
  for (let edge = firstEdge[table]; edge < firstEdge[table + 1]; edge++) {
    const type = edgeType[edge];
    const slot = type === element || type === hidden ? edgeNameOrIndex[edge] : numeric[edgeNameOrIndex[edge]];
    if (slot < 0 || slot === previous) continue; // Not a slot, or a slot with both a strong and a weak edge.
    slots++;
    if (slot === previous + 1) {
      adjacent++;
      previous = -2; // (i, i+1) pairs do not overlap: a third slot starts a new entry.
    } else {
      previous = slot;
    }
  }
  return pairs ? slots - adjacent : slots;
}

function countEdges(snapshot: HeapSnapshot, ordinal: number, type: number): number {
  const { firstEdge, edgeType } = snapshot;
  let count = 0;
  for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) if (edgeType[edge] === type) count++;
  return count;
}

/** Entry count of one node if it is a collection, else -1 (kind written to `kindOut[0]`). */
function collectionEntries(snapshot: HeapSnapshot, ordinal: number, kindOut: Uint8Array): number {
  const name = snapshot.nodeNameOf(ordinal);
  let kind: number | undefined = KIND_BY_CONSTRUCTOR[name];
  if (kind === undefined && hasTableEdge(snapshot, ordinal)) kind = subclassedKind(snapshot, ordinal);
  if (kind !== undefined && kind <= 3) {
    const table = internalChild(snapshot, ordinal, 'table');
    if (table < 0) return -1;
    kindOut[0] = kind;
    return hashTableEntries(snapshot, table, kind === 0 || kind === 2);
  }
  // V8 writes each element as an `element` edge of the object itself (its `elements` store repeats them as slots).
  const elementCount = countEdges(snapshot, ordinal, snapshot.edgeTypes.element);
  if (kind === 4) {
    kindOut[0] = kind;
    return elementCount;
  }
  // Objects: numeric keys are element edges, named ones property edges (the prototype link is not a key).
  const { firstEdge, edgeType, edgeNameOrIndex, strings } = snapshot;
  const property = snapshot.edgeTypes.property;
  let properties = 0;
  for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) {
    if (edgeType[edge] === property && strings[edgeNameOrIndex[edge]] !== '__proto__') properties++;
  }
  const entries = properties + elementCount;
  if (entries < DICTIONARY_MIN_PROPERTIES) return -1;
  kindOut[0] = OBJECT_KIND;
  return entries;
}

/** Scans every JS object once and returns all collections (dictionaries only above the threshold). */
export function findCollections(snapshot: HeapSnapshot): CollectionTable {
  const { nodeCount, nodeType } = snapshot;
  const object = snapshot.types.object;
  let ordinals = new Uint32Array(1024);
  let kinds = new Uint8Array(1024);
  let entries = new Uint32Array(1024);
  let length = 0;
  const kindOut = new Uint8Array(1);
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    if (nodeType[ordinal] !== object) continue;
    const count = collectionEntries(snapshot, ordinal, kindOut);
    if (count < 0) continue;
    if (length === ordinals.length) {
      ordinals = grow(ordinals, new Uint32Array(length * 2));
      kinds = grow(kinds, new Uint8Array(length * 2));
      entries = grow(entries, new Uint32Array(length * 2));
    }
    ordinals[length] = ordinal;
    kinds[length] = kindOut[0];
    entries[length] = count;
    length++;
  }
  return { ordinals: ordinals.subarray(0, length), kinds: kinds.subarray(0, length), entries: entries.subarray(0, length), length };
}

function grow<T extends Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Describes the i-th collection of a table (computes its retainer path). */
export function describeCollection(analysis: HeapAnalysis, table: CollectionTable, index: number): Collection {
  const ordinal = table.ordinals[index];
  return {
    id: analysis.snapshot.nodeId[ordinal],
    kind: COLLECTION_KINDS[table.kinds[index]],
    name: analysis.classes.names[analysis.classes.classOf[ordinal]],
    entries: table.entries[index],
    retainedSize: analysis.retainedSize[ordinal],
    shallowSize: analysis.shallowSize[ordinal],
    path: retainerPath(analysis, ordinal).text,
  };
}

export interface LargestCollectionsOptions {
  top?: number;
  /** Collections with fewer entries are left out (default 1: empty collections hold nothing). */
  minEntries?: number;
}

/** The collections with the largest retained sizes, with entries and owner paths. */
export function largestCollections(analysis: HeapAnalysis, options: LargestCollectionsOptions = {}): Collection[] {
  const table = findCollections(analysis.snapshot);
  const minEntries = options.minEntries ?? 1;
  const indexes: number[] = [];
  for (let i = 0; i < table.length; i++) if (table.entries[i] >= minEntries) indexes.push(i);
  const retained = analysis.retainedSize;
  indexes.sort((a, b) => retained[table.ordinals[b]] - retained[table.ordinals[a]]);
  return indexes.slice(0, options.top ?? 20).map((index) => describeCollection(analysis, table, index));
}
