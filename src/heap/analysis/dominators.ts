// Immediate dominators over essential edges: Lengauer–Tarjan, iterative, with DevTools' handling of unreachable nodes.
import type { ProgressSink } from '../../progress.js';
import type { HeapSnapshot } from '../snapshot.js';
import type { EssentialEdges } from './essential-edges.js';
import type { ScratchMemory } from './scratch.js';

export interface DominatorTree {
  /** Immediate dominator ordinal of each node; the root dominates itself. */
  dominator: Uint32Array;
  /** Node ordinals in DFS discovery order (root first): children always come after their dominator. */
  order: Uint32Array;
  /** Nodes not reachable from the root over essential edges (attached to the root as DevTools does). */
  unreachableCount: number;
  /**
   * LT working memory that is free once the tree is built: `sizes` (8 bytes per node + 8) holds the retained sizes
   * and `first`/`children` (nodeCount + 1 each) the dominated CSR, so those are not allocated on top of LT garbage
   * that V8 frees only at its next GC (that overlap was the 1 GB snapshot's memory peak).
   */
  spare: { sizes: ArrayBuffer; first: Uint32Array; children: Uint32Array };
}

/** First size of the path-compression stack (grown by doubling): 64 K entries, 256 KB. */
const INITIAL_COMPRESSION_STACK = 1 << 16;

/** Predecessors over essential edges only, as a CSR (first index per node + source ordinals). */
function essentialPredecessors(snapshot: HeapSnapshot, essential: EssentialEdges): { first: Uint32Array; sources: Uint32Array } {
  const { nodeCount, firstEdge, edgeTarget } = snapshot;
  const { bits } = essential;
  // inDegree is consumed: its inclusive prefix sum is each node's END; filling backwards (last edge first) moves
  // every entry down to its node's START, so no separate cursor array (4 bytes per node at the memory peak).
  const first = essential.inDegree;
  for (let i = 1; i <= nodeCount; i++) first[i] += first[i - 1];
  const sources = new Uint32Array(essential.count);
  for (let source = nodeCount - 1; source >= 0; source--) {
    for (let edge = firstEdge[source + 1] - 1, start = firstEdge[source]; edge >= start; edge--) {
      if (bits[edge >>> 3] & (1 << (edge & 7))) sources[--first[edgeTarget[edge]]] = source;
    }
  }
  return { first, sources };
}

/**
 * Thomas Lengauer and Robert Endre Tarjan, "A fast algorithm for finding dominators in a flowgraph",
 * ACM TOPLAS 1(1), 1979, 121–141 (https://doi.org/10.1145/357062.357071) — the "simple" eval/link version,
 * variable names as in the paper. Vertices are numbered 1..n (ordinal + 1) so 0 can mean "none".
 *
 * Roots, in DevTools' order: a DFS from the root; then a DFS from every unvisited node with no essential
 * retainer (in ordinal order), with the root as its parent; then every still-unvisited node (cliques that only
 * retain each other) on its own, parented to the root. Their dominator is therefore the root.
 */
export function computeDominators(snapshot: HeapSnapshot, essential: EssentialEdges, scratch: ScratchMemory, progress: ProgressSink = () => {}): DominatorTree {
  const { nodeCount, firstEdge, edgeTarget, rootOrdinal } = snapshot;
  const { first: firstPredecessor, sources: predecessors } = essentialPredecessors(snapshot, essential);
  const bits = essential.bits;
  const size = nodeCount + 1;
  const parent = new Uint32Array(size);
  const ancestor = new Uint32Array(size);
  const vertex = new Uint32Array(size);
  // label and semi share one buffer so it can hold the Float64 retained sizes afterwards (see DominatorTree.spare).
  const sizes = new ArrayBuffer(size * 2 * Uint32Array.BYTES_PER_ELEMENT);
  const label = new Uint32Array(sizes, 0, size);
  const semi = new Uint32Array(sizes, size * Uint32Array.BYTES_PER_ELEMENT, size);
  // Each vertex sits in at most one bucket at a time: buckets are singly linked lists through bucketNext. A
  // bucket's head lives in its vertex's `label` slot (see the main loop), not in an array of its own.
  const bucketNext = new Uint32Array(size);
  let n = 0;

  // Iterative DFS. `ancestor` is all zeros until the main loop, so it doubles as the per-vertex next-edge cursor.
  const nextEdge = ancestor;
  const dfs = (start: number): void => {
    nextEdge[start] = firstEdge[start - 1];
    let v = start;
    while (v !== 0) {
      if (semi[v] === 0) {
        semi[v] = ++n;
        vertex[n] = label[v] = v;
      }
      let next = parent[v];
      const edgeEnd = firstEdge[v];
      for (let edge = nextEdge[v]; edge < edgeEnd; edge++) {
        if (!(bits[edge >>> 3] & (1 << (edge & 7)))) continue;
        const w = edgeTarget[edge] + 1;
        if (semi[w] === 0) {
          parent[w] = v;
          nextEdge[v] = edge + 1;
          nextEdge[w] = firstEdge[w - 1];
          next = w;
          break;
        }
      }
      if (next === parent[v]) nextEdge[v] = edgeEnd;
      v = next;
    }
  };

  const r = rootOrdinal + 1;
  dfs(r);
  let unreachableCount = 0;
  if (n < nodeCount) {
    unreachableCount = nodeCount - n;
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] === 0 && firstPredecessor[v] === firstPredecessor[v - 1]) {
        parent[v] = r;
        dfs(v);
      }
    }
  }
  if (n < nodeCount) {
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] !== 0) continue;
      parent[v] = r;
      semi[v] = ++n;
      vertex[n] = label[v] = v;
    }
  }
  ancestor.fill(0);
  progress('Dominators', 1, 3);

  // Path compression, iterative; the stack never exceeds the depth of the ancestor forest, which is far below the
  // node count in real heaps: it grows on demand instead of costing 4 bytes per node at the memory peak.
  let stack = new Uint32Array(INITIAL_COMPRESSION_STACK);
  const evaluate = (v: number): number => {
    if (ancestor[v] === 0) return v;
    let top = 0;
    let u = v;
    while (ancestor[ancestor[u]] !== 0) {
      if (top + 1 === stack.length) {
        const grown = new Uint32Array(Math.min(size, stack.length * 2));
        grown.set(stack);
        stack = grown;
      }
      stack[++top] = u;
      u = ancestor[u];
    }
    while (top > 0) {
      const w = stack[top--];
      const a = ancestor[w];
      if (semi[label[a]] < semi[label[w]]) label[w] = label[a];
      ancestor[w] = ancestor[a];
    }
    return label[v];
  };

  // dom shares parent's array: parent[w] is read only at w's own step, and dom[w] is written only later (when the
  // bucket holding w is emptied), so the two never overlap — 4 bytes per node less at the memory peak.
  // Bucket heads share `label`: bucket(s) is filled and emptied only while s is a root of the eval forest (from
  // the step of its first bucketed descendant to the last step of its children, all before s's own step), and
  // eval never reads the label of a root; label[s] === s means an empty bucket, and s's own step puts s back.
  // A vertex whose semi is not a smaller number (only in DevTools' orphan handling) would sit in a bucket that is
  // never emptied: it is not bucketed at all, which leaves dom[w] = parent[w] as before. 4 bytes per node less.
  const dom = parent;
  for (let i = n; i >= 2; i--) {
    const w = vertex[i];
    label[w] = w;
    const from = firstPredecessor[w - 1];
    const to = firstPredecessor[w];
    if (from === to) {
      // A node with no essential retainer is treated as retained by the root; semi[r] is the smallest number.
      semi[w] = semi[r];
    } else {
      for (let p = from; p < to; p++) {
        const u = evaluate(predecessors[p] + 1);
        if (semi[u] < semi[w]) semi[w] = semi[u];
      }
    }
    if (semi[w] < i) {
      const s = vertex[semi[w]];
      bucketNext[w] = label[s] === s ? 0 : label[s];
      label[s] = w;
    }
    const pw = parent[w];
    ancestor[w] = pw;
    if (label[pw] !== pw) {
      for (let v = label[pw]; v !== 0; v = bucketNext[v]) {
        const u = evaluate(v);
        dom[v] = semi[u] < semi[v] ? u : pw;
      }
      label[pw] = pw;
    }
  }
  // The predecessor CSR and the edge bits are done with: later phases (distances, classes) reuse that memory.
  scratch.release(firstPredecessor);
  scratch.release(predecessors);
  scratch.release(bits);
  progress('Dominators', 2, 3);

  dom[0] = dom[r] = r;
  for (let i = 2; i <= n; i++) {
    const w = vertex[i];
    if (dom[w] !== vertex[semi[w]]) dom[w] = dom[dom[w]];
  }

  // Reuse the LT arrays for the results (about 8 bytes per node less at the peak): shift to ordinals in place.
  for (let v = 1; v <= nodeCount; v++) dom[v] -= 1;
  const dominator = dom.subarray(1);
  for (let i = 1; i <= n; i++) vertex[i] -= 1;
  const order = vertex.subarray(1);
  progress('Dominators', 3, 3);
  return { dominator, order, unreachableCount, spare: { sizes, first: ancestor.fill(0), children: bucketNext } };
}
