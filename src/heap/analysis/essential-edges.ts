// DevTools' "essential edge" rule: which references count as retaining when building the dominator tree.
import type { HeapSnapshot } from '../snapshot.js';
import type { ScratchMemory } from './scratch.js';
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
export interface EssentialEdges {
  /** One bit per edge (bit e of byte e >> 3). */
  bits: Uint8Array;
  /** Number of essential edges into each node (length nodeCount + 1, last 0): the predecessor CSR's count array. */
  inDegree: Uint32Array;
  count: number;
}

export function computeEssentialEdges(snapshot: HeapSnapshot, pageOwned: Uint8Array, scratch: ScratchMemory): EssentialEdges {
  const { nodeCount, firstEdge, edgeTarget, edgeType, edgeNameOrIndex, nodeId, rootOrdinal } = snapshot;
  const { weak, shortcut, internal } = snapshot.edgeTypes;
  const weakMapNames = WeakMapEdgeNames.of(snapshot);
  const ephemeronName = weakMapNames.flags;
  const bits = new Uint8Array((snapshot.edgeCount + 7) >>> 3);
  // Counted here, in the same pass, so the dominator step's predecessor CSR needs one edge pass instead of two.
  const inDegree = scratch.uint32(nodeCount + 1).fill(0);
  let count = 0;
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
        const name = edgeNameOrIndex[edge];
        if (ephemeronName[name] && weakMapNames.tableId(name) === nodeId[source]) continue;
      }
      bits[edge >>> 3] |= 1 << (edge & 7);
      inDegree[target]++;
      count++;
    }
  }
  return { bits, inDegree, count };
}

