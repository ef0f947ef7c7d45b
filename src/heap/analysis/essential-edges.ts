// DevTools' "essential edge" rule: which references count as retaining when building the dominator tree.
import type { HeapSnapshot } from '../snapshot.js';
import { WeakMapEdgeNames } from './weakmap-edges.js';

/**
 * Returns one bit per edge (bit e of byte e >> 3), set when the edge retains its target:
 * - never a `weak` edge, never a self-loop;
 * - from the root every other edge counts;
 * - otherwise no `shortcut` edge, and no edge from a non-page-owned node into a page-owned one (so objects the
 *   debugger also holds keep their page dominators);
 * - a WeakMap value is retained by its key and its table together; DevTools keeps the key's edge and drops the
 *   `internal` ephemeron edge leaving the table itself (name says `table @<source id>`).
 */
export function computeEssentialEdges(snapshot: HeapSnapshot, pageOwned: Uint8Array): Uint8Array {
  const { nodeCount, firstEdge, edgeTarget, edgeType, edgeNameOrIndex, nodeId, rootOrdinal } = snapshot;
  const { weak, shortcut, internal } = snapshot.edgeTypes;
  const weakMapNames = new WeakMapEdgeNames(snapshot);
  const bits = new Uint8Array((snapshot.edgeCount + 7) >>> 3);
  for (let source = 0; source < nodeCount; source++) {
    const end = firstEdge[source + 1];
    const isRoot = source === rootOrdinal;
    const sourceOwned = pageOwned[source];
    for (let edge = firstEdge[source]; edge < end; edge++) {
      const type = edgeType[edge];
      if (type === weak) continue;
      const target = edgeTarget[edge];
      if (target === source) continue;
      if (!isRoot) {
        if (type === shortcut) continue;
        if (pageOwned[target] && !sourceOwned) continue;
      }
      if (type === internal) {
        const ephemeron = weakMapNames.parse(edgeNameOrIndex[edge]);
        if (ephemeron && ephemeron.tableId === nodeId[source]) continue;
      }
      bits[edge >>> 3] |= 1 << (edge & 7);
    }
  }
  return bits;
}

/** Reads one bit of an edge bitset. */
export function hasEdgeBit(bits: Uint8Array, edge: number): boolean {
  return (bits[edge >>> 3] & (1 << (edge & 7))) !== 0;
}
