// DevTools' Summary view as data: per class count, shallow size, and retained size by DevTools' class rule.
import type { HeapAnalysis } from './analyze.js';
import { NO_DISTANCE } from './analysis/distances.js';

export interface ClassSummary {
  name: string;
  /** "scriptId:line:column" of the constructor when V8 recorded it (same-named classes from two files are two rows). */
  location: string;
  /** Instances with a non-zero shallow size (DevTools leaves zero-size nodes out of the Summary). */
  count: number;
  shallowSize: number;
  /** Sum of retained sizes of instances not dominated by another instance of the same class. */
  retainedSize: number;
  /** Smallest distance from a root of any instance (DevTools' "Distance"; -5 when unreachable). */
  distance: number;
}

export interface ClassSummaryOptions {
  /** Keep only classes whose name matches. */
  filter?: RegExp;
}

/**
 * Aggregates nodes by class as DevTools does: nodes with shallow size 0 are skipped; a class's retained size walks
 * the dominator tree from the root and counts an instance only if no dominator above it has the same class (so
 * nested instances are not counted twice). Sorted by retained size, largest first.
 */
export function classSummary(analysis: HeapAnalysis, options: ClassSummaryOptions = {}): ClassSummary[] {
  const { classOf, names, locations } = analysis.classes;
  const { distance } = analysis.distances;
  const { shallowSize } = analysis;
  const classCount = names.length;
  const count = new Float64Array(classCount);
  const shallow = new Float64Array(classCount);
  const retained = new Float64Array(classCount);
  const minDistance = new Int32Array(classCount).fill(0x7fff_ffff);
  for (let ordinal = 0; ordinal < classOf.length; ordinal++) {
    const size = shallowSize[ordinal];
    if (!size) continue;
    const id = classOf[ordinal];
    count[id]++;
    shallow[id] += size;
    if (distance[ordinal] < minDistance[id]) minDistance[id] = distance[ordinal];
  }
  addClassRetainedSizes(analysis, retained);
  const result: ClassSummary[] = [];
  for (let id = 0; id < classCount; id++) {
    if (count[id] === 0) continue;
    if (options.filter && !options.filter.test(names[id])) continue;
    result.push({ name: names[id], location: locations[id], count: count[id], shallowSize: shallow[id], retainedSize: retained[id], distance: minDistance[id] === 0x7fff_ffff ? NO_DISTANCE : minDistance[id] });
  }
  return result.sort((a, b) => b.retainedSize - a.retainedSize || b.shallowSize - a.shallowSize);
}

/** Depth-first over the dominator tree with a per-class "an ancestor is of this class" counter. */
function addClassRetainedSizes(analysis: HeapAnalysis, retained: Float64Array): void {
  const { classOf } = analysis.classes;
  const { first, children } = analysis.dominated;
  const { shallowSize, retainedSize } = analysis;
  const root = analysis.snapshot.rootOrdinal;
  const openAncestors = new Uint32Array(retained.length);
  // Stack entries: ordinal + 1 when entering, -(ordinal + 1) when leaving (to close the class it opened); a sign
  // test instead of floor/modulo per node. Int32 (ordinals stay below 2^31): the root alone can dominate millions
  // of nodes, so the stack gets large.
  let stack = new Int32Array(1024);
  let top = 0;
  stack[top++] = root + 1;
  while (top > 0) {
    const entry = stack[--top];
    if (entry < 0) {
      openAncestors[classOf[-entry - 1]]--;
      continue;
    }
    const ordinal = entry - 1;
    const id = classOf[ordinal];
    const counted = openAncestors[id] === 0 && shallowSize[ordinal] !== 0;
    if (counted) {
      retained[id] += retainedSize[ordinal];
      openAncestors[id]++;
    }
    const need = top + 1 + first[ordinal + 1] - first[ordinal];
    if (need > stack.length) {
      const grown = new Int32Array(Math.max(need, stack.length * 2));
      grown.set(stack);
      stack = grown;
    }
    if (counted) stack[top++] = -entry;
    for (let i = first[ordinal], end = first[ordinal + 1]; i < end; i++) stack[top++] = children[i] + 1;
  }
}
