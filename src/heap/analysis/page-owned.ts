// DevTools' page-owned flag: everything reachable over non-weak edges from the root's user entry points.
import type { HeapSnapshot } from '../snapshot.js';
import type { ScratchMemory } from './scratch.js';

/** DevTools' name for the synthetic node that groups a page's DOM trees (a user root in browsers, absent in Node). */
export const DOCUMENT_DOM_TREES = '(Document DOM trees)';

/**
 * Returns one byte per node: 1 when the node is owned by the page (reachable from a `shortcut` child of the root,
 * e.g. Node's `global`, or a `(Document DOM trees)` element child), 0 when only the VM or the debugger holds it.
 */
export function markPageOwned(snapshot: HeapSnapshot, scratch: ScratchMemory): Uint8Array {
  const { nodeCount, firstEdge, edgeTarget, edgeType, nodeType, rootOrdinal } = snapshot;
  const { shortcut, element, weak } = snapshot.edgeTypes;
  const synthetic = snapshot.types.synthetic;
  const flags = new Uint8Array(nodeCount);
  // Each node is pushed at most once (flagged before it is pushed), so nodeCount entries always suffice.
  const stack = scratch.uint32(nodeCount + 1);
  let top = 0;
  for (let edge = firstEdge[rootOrdinal]; edge < firstEdge[rootOrdinal + 1]; edge++) {
    const target = edgeTarget[edge];
    const type = edgeType[edge];
    const entry = type === shortcut || (type === element && nodeType[target] === synthetic && snapshot.nodeNameOf(target) === DOCUMENT_DOM_TREES);
    if (!entry || flags[target]) continue;
    flags[target] = 1;
    stack[top++] = target;
  }
  while (top > 0) {
    const source = stack[--top];
    const end = firstEdge[source + 1];
    for (let edge = firstEdge[source]; edge < end; edge++) {
      const target = edgeTarget[edge];
      if (flags[target] || edgeType[edge] === weak) continue;
      flags[target] = 1;
      stack[top++] = target;
    }
  }
  scratch.release(stack);
  return flags;
}
