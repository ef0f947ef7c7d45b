// Reverse adjacency (who refers to a node, through which edge) as a CSR over edge ordinals.
import type { ScratchMemory } from '../analysis/scratch.js';
import type { HeapSnapshot } from '../snapshot.js';

/** Retaining edges of node o: `edges[first[o] .. first[o + 1])`, each an edge ordinal whose target is o. */
export interface Retainers {
  first: Uint32Array;
  edges: Uint32Array;
}

export function buildRetainers(snapshot: HeapSnapshot, scratch: ScratchMemory): Retainers {
  const { nodeCount, edgeCount, edgeTarget } = snapshot;
  const first = scratch.uint32(nodeCount + 1).fill(0);
  for (let edge = 0; edge < edgeCount; edge++) first[edgeTarget[edge] + 1]++;
  for (let i = 1; i <= nodeCount; i++) first[i] += first[i - 1];
  const edges = scratch.uint32(edgeCount);
  // first[o] := o's END (first[nodeCount] stays the total); filling backwards moves it to o's START: no cursor
  // copy (4 bytes per node), and each node's retainers stay in edge order.
  for (let i = 0; i < nodeCount; i++) first[i] = first[i + 1];
  for (let edge = edgeCount - 1; edge >= 0; edge--) edges[--first[edgeTarget[edge]]] = edge;
  return { first, edges };
}

/** The node an edge leaves (binary search over first-edge indexes: edges are grouped by source in node order). */
export function edgeSource(snapshot: HeapSnapshot, edge: number): number {
  const { firstEdge } = snapshot;
  let low = 0;
  let high = snapshot.nodeCount - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (firstEdge[middle] <= edge) low = middle;
    else high = middle - 1;
  }
  return low;
}
