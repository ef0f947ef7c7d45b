// DevTools' DOM-state propagation: native (embedder) nodes inherit attached/detached state through native links.
import type { HeapSnapshot } from '../snapshot.js';
import type { ScratchMemory } from './scratch.js';

export const DETACHED = 2;
const ATTACHED = 1;
const UNKNOWN = 0;

/**
 * Returns the propagated detachedness of every node (0 unknown, 1 attached, 2 detached). As in DevTools: native
 * nodes with a known state keep it; the state spreads from them to native nodes of unknown state over edges that
 * are not weak or hidden; attached wins over detached. JS nodes are never changed and stop the spread. DevTools
 * shows detached native nodes as "Detached <name>" (Node marks e.g. unused BindingData this way).
 */
export function propagateDetachedness(snapshot: HeapSnapshot, scratch: ScratchMemory): Uint8Array {
  const { nodeCount, firstEdge, edgeTarget, edgeType, nodeType } = snapshot;
  const state = scratch.uint8(nodeCount);
  state.set(snapshot.detachedness);
  if (snapshot.layout.nodeDetachednessOffset < 0) return state;
  const native = snapshot.types.native;
  const { hidden, weak } = snapshot.edgeTypes;
  const visited = scratch.uint8(nodeCount).fill(0);
  const attached: number[] = [];
  const detached: number[] = [];
  const visit = (ordinal: number, newState: number): void => {
    if (visited[ordinal]) return;
    visited[ordinal] = 1;
    if (nodeType[ordinal] !== native) return;
    state[ordinal] = newState;
    if (newState === ATTACHED) attached.push(ordinal);
    else if (newState === DETACHED) detached.push(ordinal);
  };
  const spread = (from: number, newState: number): void => {
    for (let edge = firstEdge[from]; edge < firstEdge[from + 1]; edge++) {
      const type = edgeType[edge];
      if (type !== hidden && type !== weak) visit(edgeTarget[edge], newState);
    }
  };
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    if (snapshot.detachedness[ordinal] !== UNKNOWN) visit(ordinal, snapshot.detachedness[ordinal]);
  }
  while (attached.length > 0) spread(attached.pop()!, ATTACHED);
  while (detached.length > 0) {
    const ordinal = detached.pop()!;
    if (state[ordinal] !== ATTACHED) spread(ordinal, DETACHED);
  }
  scratch.release(visited);
  return state;
}
