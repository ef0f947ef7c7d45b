// Snapshot-wide summaries as data: totals, largest objects by retained size, and one node's detail.
import type { HeapAnalysis } from './analyze.js';
import { retainerPath } from './paths.js';

export interface Totals {
  nodeCount: number;
  edgeCount: number;
  /** Sum of all self sizes (the root's retained size). */
  totalSize: number;
  /** Nodes not reachable from the root over retaining edges (attached to the root, as DevTools does). */
  unreachableCount: number;
  stringCount: number;
}

export function totals(analysis: HeapAnalysis): Totals {
  const { snapshot } = analysis;
  return { nodeCount: snapshot.nodeCount, edgeCount: snapshot.edgeCount, totalSize: analysis.totalSize, unreachableCount: analysis.unreachableCount, stringCount: snapshot.strings.length };
}

/** A node described for reports. */
export interface NodeInfo {
  ordinal: number;
  id: number;
  /** The raw name (constructor, string value, function name); long strings are cut. */
  name: string;
  className: string;
  type: string;
  shallowSize: number;
  retainedSize: number;
}

/** Raw names longer than this (string values can be megabytes) are cut in reports. */
const MAX_NAME_LENGTH = 200;

export function nodeInfo(analysis: HeapAnalysis, ordinal: number): NodeInfo {
  const { snapshot } = analysis;
  const name = snapshot.nodeNameOf(ordinal);
  return {
    ordinal,
    id: snapshot.nodeId[ordinal],
    name: name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1)}…` : name,
    className: analysis.classes.names[analysis.classes.classOf[ordinal]],
    type: snapshot.nodeTypeName(ordinal),
    shallowSize: analysis.shallowSize[ordinal],
    retainedSize: analysis.retainedSize[ordinal],
  };
}

/**
 * Indexes of the `top` largest values of `score` among accepted ordinals, largest first (one pass, small heap).
 * Ties go to the smaller index, as a stable sort of all of them would give.
 */
export function topOrdinals(count: number, top: number, score: (ordinal: number) => number, accept: (ordinal: number) => boolean): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => score(a) < score(b) || (score(a) === score(b) && a > b);
  /** Once the heap is full, the smallest score in it: most nodes are below it and are dropped on one compare. */
  let threshold = -Infinity;
  for (let ordinal = 0; ordinal < count; ordinal++) {
    // Ordinals rise, so an equal score never displaces an earlier one: only a larger score gets in.
    if (heap.length === top && score(ordinal) <= threshold) continue;
    if (!accept(ordinal)) continue;
    if (heap.length < top) {
      heap.push(ordinal);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (top > 0 && less(heap[0], ordinal)) {
      heap[0] = ordinal;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && less(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && less(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    if (heap.length === top && top > 0) threshold = score(heap[0]);
  }
  return heap.sort((a, b) => score(b) - score(a) || a - b);
}

export interface LargestObjectsOptions {
  top?: number;
  /** Keep only nodes whose class name matches. */
  classFilter?: RegExp;
}

export interface LargestObject extends NodeInfo {
  path: string;
}

/**
 * The objects with the largest retained sizes. Synthetic roots, `(system)` internals, shapes and code are left out:
 * they are how V8 holds things, not what the program holds.
 */
export function largestObjects(analysis: HeapAnalysis, options: LargestObjectsOptions = {}): LargestObject[] {
  const { snapshot, retainedSize } = analysis;
  const { synthetic, hidden, objectShape, code } = snapshot.types;
  const { classOf, names } = analysis.classes;
  const filter = options.classFilter;
  const excludedType = (type: number): boolean => type === synthetic || type === hidden || type === objectShape || type === code;
  const ordinals = topOrdinals(snapshot.nodeCount, options.top ?? 20, (o) => retainedSize[o], (o) =>
    !excludedType(snapshot.nodeType[o]) && (!filter || filter.test(names[classOf[o]])));
  return ordinals.map((ordinal) => ({ ...nodeInfo(analysis, ordinal), path: retainerPath(analysis, ordinal).text }));
}
