// Retained sizes from the dominator tree, and the tree's children as a CSR (for drill-down and class totals).
import type { DominatorTree } from './dominators.js';

/** Seeds each node with its shallow size and adds every node into its dominator, deepest first (reverse DFS order). */
export function computeRetainedSizes(shallowSizes: Float64Array, tree: DominatorTree): Float64Array {
  const retained = new Float64Array(shallowSizes);
  const { dominator, order } = tree;
  for (let i = order.length - 1; i > 0; i--) {
    const ordinal = order[i];
    retained[dominator[ordinal]] += retained[ordinal];
  }
  return retained;
}

/** Children of each node in the dominator tree: `children[first[o] .. first[o + 1])`. */
export interface DominatedNodes {
  first: Uint32Array;
  children: Uint32Array;
}

export function buildDominatedNodes(tree: DominatorTree, rootOrdinal: number): DominatedNodes {
  const { dominator } = tree;
  const nodeCount = dominator.length;
  const first = new Uint32Array(nodeCount + 1);
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    if (ordinal !== rootOrdinal) first[dominator[ordinal] + 1]++;
  }
  for (let i = 1; i <= nodeCount; i++) first[i] += first[i - 1];
  const children = new Uint32Array(first[nodeCount]);
  const cursor = first.slice(0, nodeCount);
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    if (ordinal !== rootOrdinal) children[cursor[dominator[ordinal]]++] = ordinal;
  }
  return { first, children };
}
