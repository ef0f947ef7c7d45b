// Retained sizes from the dominator tree, and the tree's children as a CSR (for drill-down and class totals).
import type { DominatorTree } from './dominators.js';

/** Seeds each node with its shallow size and adds every node into its dominator, deepest first (reverse DFS order). */
export function computeRetainedSizes(shallowSizes: Float64Array, tree: DominatorTree): Float64Array {
  // Written into the dominator step's spare buffer (8 bytes per node + 8): no new allocation at the memory peak.
  const retained = new Float64Array(tree.spare.sizes, 0, shallowSizes.length);
  retained.set(shallowSizes);
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
  // Both arrays are the dominator step's spare ones (zeroed, nodeCount + 1 long). Counts go at each node's own index; the
  // inclusive prefix sum is then each node's END, and filling backwards moves it to its START (no cursor copy).
  const { first, children: spareChildren } = tree.spare;
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    if (ordinal !== rootOrdinal) first[dominator[ordinal]]++;
  }
  for (let i = 1; i <= nodeCount; i++) first[i] += first[i - 1];
  const children = spareChildren.subarray(0, first[nodeCount]);
  for (let ordinal = nodeCount - 1; ordinal >= 0; ordinal--) {
    if (ordinal !== rootOrdinal) children[--first[dominator[ordinal]]] = ordinal;
  }
  return { first, children };
}
