// Finds collections (Map, Set, WeakMap, WeakSet, Array, objects used as dictionaries) and counts their entries.
import type { HeapAnalysis } from './analyze.js';
import { retainerPath } from './paths.js';
import { topOrdinals } from './summary.js';
import type { HeapSnapshot } from './snapshot.js';
import { ScratchMemory } from './analysis/scratch.js';

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

const OBJECT_KIND = 5;

/**
 * Names the scan compares, flagged once per snapshot by string index (the string table makes no JS string per
 * lookup): flag − 1 is the kind for the four constructors and `Array` (the order of COLLECTION_KINDS).
 */
const FLAGGED_NAMES = ['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'table', '__proto__'] as const;
const TABLE_FLAG = 6;
const PROTO_FLAG = 7;
/** Slot names are decimal indexes; 9 digits always fit an Int32 (and no table has a billion slots). */
const MAX_SLOT_DIGITS = 9;

/** The target of the first edge of this type (default `internal`) whose name has this flag, or -1. */
function internalChild(snapshot: HeapSnapshot, flags: Uint8Array, ordinal: number, nameFlag: number, type = snapshot.edgeTypes.internal): number {
  const { firstEdge, edgeType, edgeNameOrIndex, edgeTarget } = snapshot;
  for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) {
    if (edgeType[edge] === type && flags[edgeNameOrIndex[edge]] === nameFlag) return edgeTarget[edge];
  }
  return -1;
}

/** Prototype links followed to find the built-in a subclass extends (`class Cache extends Map`: 2). */
const MAX_PROTOTYPE_DEPTH = 6;

/**
 * Kind of a hash-table collection whose constructor is not a built-in name: a subclass of Map, Set, WeakMap or
 * WeakSet. Its instances have the same `table` edge; the built-in is found up the `__proto__` chain, where the
 * built-in's prototype object carries its name. -1 when it is none.
 */
function subclassedKind(snapshot: HeapSnapshot, flags: Uint8Array, ordinal: number): number {
  // V8 extracts a collection's `table` before the object's own references, so it is the first edge: one test
  // per object instead of a pass over every object's edges.
  const first = snapshot.firstEdge[ordinal];
  if (first === snapshot.firstEdge[ordinal + 1] || snapshot.edgeType[first] !== snapshot.edgeTypes.internal || flags[snapshot.edgeNameOrIndex[first]] !== TABLE_FLAG) return -1;
  const property = snapshot.edgeTypes.property;
  let node = ordinal;
  for (let depth = 0; depth < MAX_PROTOTYPE_DEPTH; depth++) {
    node = internalChild(snapshot, flags, node, PROTO_FLAG, property);
    if (node < 0) return -1;
    const kind = flags[snapshot.nodeName[node]] - 1;
    if (kind >= 0 && kind <= 4) return kind <= 3 ? kind : -1;
  }
  return -1;
}

/**
 * Entries of a hash table (the `table` array of a Map/Set/WeakMap/WeakSet): its slot edges are named by slot
 * index. A Set entry is one visible slot (key); a Map entry is [key, value, chain], so a key and value both
 * visible show as two adjacent slots: entries = slots − adjacent pairs. (Matched `.size` on Node 20.)
 */
export function hashTableEntries(snapshot: HeapSnapshot, table: number, pairs: boolean): number {
  const { firstEdge, edgeType, edgeNameOrIndex } = snapshot;
  const { element, hidden } = snapshot.edgeTypes;
  const strings = snapshot.strings;
  let slots = 0;
  let adjacent = 0;
  let previous = -2;
  for (let edge = firstEdge[table]; edge < firstEdge[table + 1]; edge++) {
    const type = edgeType[edge];
    const slot = type === element || type === hidden ? edgeNameOrIndex[edge] : strings.decimalValue(edgeNameOrIndex[edge], MAX_SLOT_DIGITS);
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

/**
 * Entry count of one node if it is a collection, else -1 (kind written to `kindOut[0]`). `flags`: FLAGGED_NAMES
 * flags by string index, made once per scan.
 */
function collectionEntries(snapshot: HeapSnapshot, flags: Uint8Array, ordinal: number, kindOut: Uint8Array): number {
  let kind = flags[snapshot.nodeName[ordinal]] - 1;
  if (kind < 0) kind = subclassedKind(snapshot, flags, ordinal);
  if (kind >= 0 && kind <= 3) {
    const table = internalChild(snapshot, flags, ordinal, TABLE_FLAG);
    if (table < 0) return -1;
    kindOut[0] = kind;
    return hashTableEntries(snapshot, table, kind === 0 || kind === 2);
  }
  // Entries are a subset of the node's edges: an object with fewer edges than a dictionary's minimum is none, and
  // most objects are skipped here without a pass over their edges.
  if (kind !== 4 && snapshot.firstEdge[ordinal + 1] - snapshot.firstEdge[ordinal] < DICTIONARY_MIN_PROPERTIES) return -1;
  // V8 writes each element as an `element` edge of the object itself (its `elements` store repeats them as slots).
  const elementCount = countEdges(snapshot, ordinal, snapshot.edgeTypes.element);
  if (kind === 4) {
    kindOut[0] = kind;
    return elementCount;
  }
  // Objects: numeric keys are element edges, named ones property edges (the prototype link is not a key).
  const { firstEdge, edgeType, edgeNameOrIndex } = snapshot;
  const property = snapshot.edgeTypes.property;
  let properties = 0;
  for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) {
    if (edgeType[edge] === property && flags[edgeNameOrIndex[edge]] !== PROTO_FLAG) properties++;
  }
  const entries = properties + elementCount;
  if (entries < DICTIONARY_MIN_PROPERTIES) return -1;
  kindOut[0] = OBJECT_KIND;
  return entries;
}

const collectionTables = new WeakMap<HeapSnapshot, CollectionTable>();

/**
 * Every collection of the snapshot (dictionaries only above the threshold), scanned once per snapshot: the diff
 * input and `largestCollections` of the same snapshot (analyze --snapshots' last one) share the scan.
 * `scanned`: a scan another thread made (HeapAnalysis.collections), used when it has one.
 */
export function findCollections(snapshot: HeapSnapshot, scanned?: () => CollectionTable | undefined): CollectionTable {
  let table = collectionTables.get(snapshot);
  if (!table) collectionTables.set(snapshot, (table = scanned?.() ?? scanCollections(snapshot)));
  return table;
}

/**
 * Scans every JS object once. The table grows by doubling in `scratch` (the summary thread passes the memory the
 * classes left, summary-thread.ts), each outgrown array going back to it.
 */
export function scanCollections(snapshot: HeapSnapshot, scratch = new ScratchMemory()): CollectionTable {
  const { nodeCount, nodeType } = snapshot;
  const object = snapshot.types.object;
  let capacity = 1024;
  let ordinals = scratch.uint32(capacity);
  let kinds = scratch.uint8(capacity);
  let entries = scratch.uint32(capacity);
  let length = 0;
  const kindOut = new Uint8Array(1);
  const flags = snapshot.strings.indexFlags(FLAGGED_NAMES);
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    if (nodeType[ordinal] !== object) continue;
    const count = collectionEntries(snapshot, flags, ordinal, kindOut);
    if (count < 0) continue;
    if (length === capacity) {
      capacity *= 2;
      ordinals = grow(scratch, ordinals, scratch.uint32(capacity));
      kinds = grow(scratch, kinds, scratch.uint8(capacity));
      entries = grow(scratch, entries, scratch.uint32(capacity));
    }
    ordinals[length] = ordinal;
    kinds[length] = kindOut[0];
    entries[length] = count;
    length++;
  }
  return { ordinals: ordinals.subarray(0, length), kinds: kinds.subarray(0, length), entries: entries.subarray(0, length), length };
}

function grow<T extends Uint8Array | Uint32Array>(scratch: ScratchMemory, from: T, to: T): T {
  to.set(from);
  scratch.release(from);
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
  const table = analysis.collections;
  const minEntries = options.minEntries ?? 1;
  const retained = analysis.retainedSize;
  // A bounded heap, not a sort of every collection: a big heap has millions of small arrays.
  const indexes = topOrdinals(table.length, options.top ?? 20, (i) => retained[table.ordinals[i]], (i) => table.entries[i] >= minEntries);
  return indexes.map((index) => describeCollection(analysis, table, index));
}
