// Follows objects and collections across snapshots of one process by their stable ids: DevTools' Comparison
// (per-class new/deleted counts and sizes) and the per-snapshot series that growth verdicts are made from.
// Snapshots are fed one at a time and only compact digests are kept, so N snapshots never sit in memory at once.
import type { HeapSnapshot } from './snapshot.js';

/** What the diff needs from one analysed snapshot (the engine's result, seen through a narrow window). */
export interface DiffInput {
  snapshot: HeapSnapshot;
  /** Retained size per node ordinal (DevTools rules). */
  retainedSize: Float64Array;
  /** DevTools' class name of a node (constructor, `(closure)`, `(string)`, `{a, b}` shapes…). */
  className(ordinal: number): string;
  /** Every collection of the snapshot (not only the top ones). */
  collections: readonly DiffCollection[];
  /** Shortest retainer path from the GC roots, rendered (`global.x.y`). */
  path(ordinal: number): string;
}

export interface DiffCollection {
  id: number;
  kind: string;
  name: string;
  entries: number;
  retainedSize: number;
}

export interface ClassComparison {
  name: string;
  newCount: number;
  deletedCount: number;
  countDelta: number;
  allocatedSize: number;
  freedSize: number;
  sizeDelta: number;
}

/** A collection or object followed across every snapshot; detect/collection-growth judges these. */
export interface SnapshotSeries {
  id: number;
  /** Collections: `Map`, `Set`, `WeakMap`, `WeakSet`, `Array`, `Object` (dictionary); objects: the V8 node type. */
  kind: string;
  name: string;
  /** Owner path in the last snapshot, e.g. `global.__mgr.queryCache`. */
  path: string;
  /** Entry count per snapshot (empty for objects, which are followed by retained size only). */
  entries: number[];
  /** Retained size per snapshot, bytes. */
  retainedSize: number[];
}

/** Ids (ascending) with class and shallow size: all DevTools' Comparison needs from a snapshot. */
interface ClassDigest {
  ids: Uint32Array;
  classIndex: Uint32Array;
  selfSize: Float64Array;
  classNames: string[];
}

function classDigest(input: DiffInput): ClassDigest {
  const { snapshot } = input;
  const { nodeCount, nodeId, selfSize } = snapshot;
  const classNames: string[] = [];
  const classIndexOf = new Map<string, number>();
  // DevTools' aggregates skip nodes of size 0 (e.g. smi numbers, some synthetic roots); so does the Comparison.
  const ordinals: number[] = [];
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) if (selfSize[ordinal] > 0) ordinals.push(ordinal);
  const order = Uint32Array.from(ordinals).sort((a, b) => nodeId[a] - nodeId[b]);
  const digest: ClassDigest = { ids: new Uint32Array(order.length), classIndex: new Uint32Array(order.length), selfSize: new Float64Array(order.length), classNames };
  for (let i = 0; i < order.length; i++) {
    const ordinal = order[i];
    const name = input.className(ordinal);
    let index = classIndexOf.get(name);
    if (index === undefined) {
      index = classNames.push(name) - 1;
      classIndexOf.set(name, index);
    }
    digest.ids[i] = nodeId[ordinal];
    digest.classIndex[i] = index;
    digest.selfSize[i] = selfSize[ordinal];
  }
  return digest;
}

/** DevTools' Comparison of two digests: objects only in `current` are new, only in `base` deleted (matched by id). */
function compareDigests(base: ClassDigest, current: ClassDigest): ClassComparison[] {
  const rows = new Map<string, ClassComparison>();
  const row = (name: string) => {
    let found = rows.get(name);
    if (!found) rows.set(name, (found = { name, newCount: 0, deletedCount: 0, countDelta: 0, allocatedSize: 0, freedSize: 0, sizeDelta: 0 }));
    return found;
  };
  let b = 0;
  let c = 0;
  while (b < base.ids.length || c < current.ids.length) {
    const baseId = b < base.ids.length ? base.ids[b] : Infinity;
    const currentId = c < current.ids.length ? current.ids[c] : Infinity;
    if (baseId === currentId) {
      b++;
      c++;
    } else if (currentId < baseId) {
      const target = row(current.classNames[current.classIndex[c]]);
      target.newCount++;
      target.allocatedSize += current.selfSize[c++];
    } else {
      const target = row(base.classNames[base.classIndex[b]]);
      target.deletedCount++;
      target.freedSize += base.selfSize[b++];
    }
  }
  for (const r of rows.values()) {
    r.countDelta = r.newCount - r.deletedCount;
    r.sizeDelta = r.allocatedSize - r.freedSize;
  }
  return [...rows.values()].sort((x, y) => Math.abs(y.sizeDelta) - Math.abs(x.sizeDelta) || x.name.localeCompare(y.name));
}

/** Objects, closures and regexps: the node types MemLab's unbound-object analysis follows (not strings or code). */
function trackedTypeCodes(snapshot: HeapSnapshot): Set<number> {
  return new Set([snapshot.types.object, snapshot.types.closure, snapshot.types.regexp].filter((code) => code >= 0));
}

/**
 * Feed snapshots in time order with `add`, then `finish` with the last one still analysed (for paths). The count
 * is whatever was added: a live run whose target died after two of five snapshots still gets its diff.
 */
export class SnapshotSeriesTracker {
  #added = 0;
  #firstDigest?: ClassDigest;
  #collections = new Map<number, { kind: string; name: string; entries: number[]; retainedSize: number[] }>();
  /** Candidate objects, column-wise: id, interned identity, and retained size per snapshot (one column each). */
  #objectIds = new Uint32Array(0);
  #objectIdentity = new Uint32Array(0);
  #objectRetained: Float64Array[] = [];
  #identities: string[] = [];
  #identityIds = new Map<string, number>();

  /** Snapshots added so far. */
  get count(): number {
    return this.#added;
  }

  add(input: DiffInput): void {
    const index = this.#added++;
    if (index === 0) this.#firstDigest = classDigest(input);
    this.#addCollections(input, index);
    this.#addObjects(input, index);
  }

  #addCollections(input: DiffInput, index: number): void {
    const seen = new Set<number>();
    for (const collection of input.collections) {
      const tracked = this.#collections.get(collection.id);
      if (index === 0) this.#collections.set(collection.id, { kind: collection.kind, name: collection.name, entries: [collection.entries], retainedSize: [collection.retainedSize] });
      else if (tracked && tracked.kind === collection.kind && tracked.entries.length === index) {
        tracked.entries.push(collection.entries);
        tracked.retainedSize.push(collection.retainedSize);
      }
      seen.add(collection.id);
    }
    // Only collections present in every snapshot can be said to grow.
    for (const id of this.#collections.keys()) if (!seen.has(id)) this.#collections.delete(id);
  }

  /**
   * Interned "type\u0000name" of a node: millions of candidates share a few thousand identities. `cache` maps
   * (name string index, type) in the one snapshot being added to the identity, so the name text is decoded once
   * per distinct pair, not once per node.
   */
  #identityOf(snapshot: HeapSnapshot, ordinal: number, cache: Map<number, number>): number {
    const pair = snapshot.nodeName[ordinal] * snapshot.layout.nodeTypes.length + snapshot.nodeType[ordinal];
    let id = cache.get(pair);
    if (id !== undefined) return id;
    const key = `${snapshot.nodeTypeName(ordinal)}\u0000${snapshot.nodeNameOf(ordinal)}`;
    id = this.#identityIds.get(key);
    if (id === undefined) {
      id = this.#identities.push(key) - 1;
      this.#identityIds.set(key, id);
    }
    cache.set(pair, id);
    return id;
  }

  #addObjects(input: DiffInput, index: number): void {
    const { snapshot, retainedSize } = input;
    const tracked = trackedTypeCodes(snapshot);
    const identities = new Map<number, number>();
    if (index === 0) {
      let count = 0;
      for (let ordinal = 0; ordinal < snapshot.nodeCount; ordinal++) if (tracked.has(snapshot.nodeType[ordinal])) count++;
      this.#objectIds = new Uint32Array(count);
      this.#objectIdentity = new Uint32Array(count);
      const retained = new Float64Array(count);
      for (let ordinal = 0, i = 0; ordinal < snapshot.nodeCount; ordinal++) {
        if (!tracked.has(snapshot.nodeType[ordinal])) continue;
        this.#objectIds[i] = snapshot.nodeId[ordinal];
        this.#objectIdentity[i] = this.#identityOf(snapshot, ordinal, identities);
        retained[i++] = retainedSize[ordinal];
      }
      this.#objectRetained = [retained];
      return;
    }
    // Keep ids still present with the same type and name (MemLab drops an id whose node changed identity).
    const keep = new Uint32Array(this.#objectIds.length);
    const current = new Float64Array(this.#objectIds.length);
    let kept = 0;
    for (let i = 0; i < this.#objectIds.length; i++) {
      const ordinal = snapshot.ordinalOfId(this.#objectIds[i]);
      if (ordinal < 0 || this.#identityOf(snapshot, ordinal, identities) !== this.#objectIdentity[i]) continue;
      keep[kept] = i;
      current[kept++] = retainedSize[ordinal];
    }
    const survivors = keep.subarray(0, kept);
    this.#objectIds = survivors.map((i) => this.#objectIds[i]);
    this.#objectIdentity = survivors.map((i) => this.#objectIdentity[i]);
    this.#objectRetained = [...this.#objectRetained.map((column) => Float64Array.from(survivors, (i) => column[i])), current.slice(0, kept)];
  }

  /**
   * Class comparison first → last, collections present in every snapshot, and objects whose retained size
   * grew first → last, largest growth first, at most `objectLimit` (paths cost a BFS each, so keep it small).
   */
  finish(last: DiffInput, objectLimit: number): { classes: ClassComparison[]; collections: SnapshotSeries[]; objects: SnapshotSeries[] } {
    if (!this.#firstDigest) throw new Error('diff got no snapshots');
    const classes = this.#added > 1 ? compareDigests(this.#firstDigest, classDigest(last)) : [];
    const pathOfId = (id: number) => {
      const ordinal = last.snapshot.ordinalOfId(id);
      return ordinal < 0 ? '' : last.path(ordinal);
    };
    const collections: SnapshotSeries[] = [];
    for (const [id, series] of this.#collections) {
      if (series.entries.length !== this.#added) continue;
      if (series.entries[series.entries.length - 1] <= series.entries[0]) continue;
      collections.push({ id, kind: series.kind, name: series.name, path: pathOfId(id), entries: series.entries, retainedSize: series.retainedSize });
    }
    const first = this.#objectRetained[0];
    const final = this.#objectRetained[this.#objectRetained.length - 1];
    const grown: number[] = [];
    for (let i = 0; i < this.#objectIds.length; i++) if (final[i] > first[i]) grown.push(i);
    grown.sort((a, b) => final[b] - first[b] - (final[a] - first[a]) || final[a] - final[b]);
    const objects = grown.slice(0, objectLimit).map((i) => {
      const [type, name] = this.#identities[this.#objectIdentity[i]].split('\u0000');
      return { id: this.#objectIds[i], kind: type, name, path: pathOfId(this.#objectIds[i]), entries: [], retainedSize: this.#objectRetained.map((column) => column[i]) };
    });
    return { classes, collections, objects };
  }
}
