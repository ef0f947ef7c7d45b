// DevTools' shallow-size transfer: hidden/array nodes owned by exactly one object give their size to that object.
import type { HeapSnapshot } from '../snapshot.js';
import type { ScratchMemory } from './scratch.js';

/** Markers in the owner array; real owners are node ordinals, so node counts must stay below these. */
const UNVISITED = 0xffff_ffff;
const MULTIPLE_OWNERS = 0xffff_fffe;
/** First size of the propagation stack (grown by doubling): 64 K entries, 256 KB. */
const INITIAL_STACK = 1 << 16;

/** Whether the root has a non-synthetic child: without one the snapshot exposes internals and DevTools skips the transfer. */
export function hasUserRoots(snapshot: HeapSnapshot): boolean {
  const { firstEdge, edgeTarget, nodeType, rootOrdinal } = snapshot;
  const synthetic = snapshot.types.synthetic;
  for (let edge = firstEdge[rootOrdinal]; edge < firstEdge[rootOrdinal + 1]; edge++) {
    if (nodeType[edgeTarget[edge]] !== synthetic) return true;
  }
  return false;
}

/**
 * Turns `snapshot.selfSize` into the sizes DevTools shows as "Shallow Size", in place (DevTools too writes them
 * into its node array, so its Comparison uses them; one column instead of two saves 8 bytes per node):
 * `hidden` and `array` nodes start unowned, every other node owns itself; ownership spreads along non-weak edges;
 * a node reached from exactly one owner moves its self size to that owner, unless the owner is synthetic or the
 * root. The result does not depend on visiting order (it is a fixed point), so a LIFO stack is as good as DevTools'
 * worklist. Running it twice changes nothing: owners are self-owned nodes, which never give their size away, and
 * the nodes that gave theirs hold 0. The total of all sizes is unchanged.
 */
export function computeShallowSizes(snapshot: HeapSnapshot, scratch: ScratchMemory): Float64Array {
  const sizes = snapshot.selfSize;
  if (!hasUserRoots(snapshot)) return sizes;
  const { nodeCount, nodeType, firstEdge, edgeTarget, edgeType, rootOrdinal } = snapshot;
  const { hidden, array, synthetic } = snapshot.types;
  const weak = snapshot.edgeTypes.weak;
  // nodeCount + 1 like the node arrays of the later phases, so they can reuse this memory.
  const owners = scratch.uint32(nodeCount + 1);
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    const type = nodeType[ordinal];
    owners[ordinal] = type === hidden || type === array ? UNVISITED : ordinal;
  }
  // Self-owned nodes seed the spread in ordinal order; only nodes whose owner changed go on the stack (hidden and
  // array nodes, each at most twice: unvisited → owner → multiple), so it starts small instead of at n entries.
  let stack = new Uint32Array(INITIAL_STACK);
  let top = 0;
  for (let seed = 0; seed < nodeCount || top > 0; ) {
    let source: number;
    if (top > 0) source = stack[--top];
    else if (owners[seed] === seed) source = seed++;
    else {
      seed++;
      continue;
    }
    const owner = owners[source];
    const end = firstEdge[source + 1];
    for (let edge = firstEdge[source]; edge < end; edge++) {
      if (edgeType[edge] === weak) continue;
      const target = edgeTarget[edge];
      const current = owners[target];
      if (current === target || current === owner || current === MULTIPLE_OWNERS) continue;
      owners[target] = current === UNVISITED ? owner : MULTIPLE_OWNERS;
      if (top === stack.length) {
        const grown = new Uint32Array(stack.length * 2);
        grown.set(stack);
        stack = grown;
      }
      stack[top++] = target;
    }
  }
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    const owner = owners[ordinal];
    if (owner === UNVISITED || owner === MULTIPLE_OWNERS || owner === ordinal) continue;
    // Adding shallow size to synthetic nodes or the root tells the user nothing.
    if (nodeType[owner] === synthetic || owner === rootOrdinal) continue;
    sizes[owner] += sizes[ordinal];
    sizes[ordinal] = 0;
  }
  scratch.release(owners);
  return sizes;
}
