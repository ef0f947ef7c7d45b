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

/**
 * Thomas Lengauer and Robert Endre Tarjan, "A fast algorithm for finding dominators in a flowgraph",
 * ACM TOPLAS 1(1), 1979, 121–141 (https://doi.org/10.1145/357062.357071) — the "simple" eval/link version,
 * variable names as in the paper. Vertices are their DFS numbers 1..n (0 means "none"): every array of the main
 * loop is indexed by number, so the loop walks them in order instead of jumping across the heap by ordinal, and
 * the predecessor lists hold numbers too.
 *
 * Roots, in DevTools' order: a DFS from the root; then a DFS from every unvisited node with no essential
 * retainer (in ordinal order), with the root as its parent; then every still-unvisited node (cliques that only
 * retain each other) on its own, parented to the root. Their dominator is therefore the root.
 */
export function computeDominators(snapshot: HeapSnapshot, essential: EssentialEdges, scratch: ScratchMemory, progress: ProgressSink = () => {}): DominatorTree {
  const { nodeCount, firstEdge, edgeTarget, rootOrdinal } = snapshot;
  const { bits, inDegree } = essential;
  const size = nodeCount + 1;
  /** DFS number of each node ordinal; 0 until the DFS reaches it. */
  const numberOf = scratch.uint32(nodeCount).fill(0);
  const parent = new Uint32Array(size);
  const ancestor = new Uint32Array(size);
  // label and semi share one buffer so it can hold the Float64 retained sizes afterwards (see DominatorTree.spare).
  const sizes = new ArrayBuffer(size * 2 * Uint32Array.BYTES_PER_ELEMENT);
  const label = new Uint32Array(sizes, 0, size);
  const semi = new Uint32Array(sizes, size * Uint32Array.BYTES_PER_ELEMENT, size);
  let n = 0;

  // Predecessors over essential edges as a CSR by number, filled during the DFS: `sources[first[w - 1] ..
  // first[w])` are the numbers of w's retainers. A list's start is known when its vertex is numbered (numbers are
  // given in order and in-degrees are known), and every essential edge is met once, its target numbered by then
  // (an unvisited one is visited through it), so it goes straight into its target's list: no second pass over
  // the edges. `first[w]` is the list's fill cursor, which ends at its end, the next list's start.
  const first = new Uint32Array(size);
  // Shared memory: once released, the summary thread works in it (summary-thread.ts).
  const sources = new Uint32Array(new SharedArrayBuffer(essential.count * Uint32Array.BYTES_PER_ELEMENT));
  let listed = 0;
  const number = (ordinal: number, parentNumber: number): number => {
    numberOf[ordinal] = ++n;
    parent[n] = parentNumber;
    first[n] = listed;
    listed += inDegree[ordinal];
    return n;
  };

  // Iterative DFS over ordinals. Until the main loop `ancestor` is free, so it holds each node's next-edge cursor,
  // and `label`/`semi` hold the current path (ordinals, and their numbers: a child's parent number).
  const nextEdge = ancestor;
  const pathOrdinal = label;
  const pathNumber = semi;
  const dfs = (start: number, parentNumber: number): void => {
    pathOrdinal[0] = start;
    pathNumber[0] = number(start, parentNumber);
    nextEdge[start] = firstEdge[start];
    let top = 1;
    while (top > 0) {
      const v = pathOrdinal[top - 1];
      const vNumber = pathNumber[top - 1];
      const edgeEnd = firstEdge[v + 1];
      let edge = nextEdge[v];
      let w = 0;
      for (; edge < edgeEnd; edge++) {
        if (!(bits[edge >>> 3] & (1 << (edge & 7)))) continue;
        w = edgeTarget[edge];
        const wNumber = numberOf[w];
        if (wNumber === 0) break;
        sources[first[wNumber]++] = vNumber;
      }
      if (edge === edgeEnd) {
        top--;
        continue;
      }
      nextEdge[v] = edge + 1;
      const wNumber = number(w, vNumber);
      sources[first[wNumber]++] = vNumber;
      nextEdge[w] = firstEdge[w];
      pathOrdinal[top] = w;
      pathNumber[top++] = wNumber;
    }
  };

  const r = 1;
  dfs(rootOrdinal, 0);
  let unreachableCount = 0;
  if (n < nodeCount) {
    unreachableCount = nodeCount - n;
    for (let v = 0; v < nodeCount; v++) {
      if (numberOf[v] === 0 && inDegree[v] === 0) dfs(v, r);
    }
  }
  if (n < nodeCount) {
    // Cliques that only retain each other: numbered without a DFS, so their edges (retainers of one another,
    // and of nodes numbered before) are listed here, once every one of them has its number.
    const cliqueStart = n + 1;
    for (let v = 0; v < nodeCount; v++) {
      if (numberOf[v] === 0) number(v, r);
    }
    for (let v = 0; v < nodeCount; v++) {
      const vNumber = numberOf[v];
      if (vNumber < cliqueStart) continue;
      for (let edge = firstEdge[v]; edge < firstEdge[v + 1]; edge++) {
        if (bits[edge >>> 3] & (1 << (edge & 7))) sources[first[numberOf[edgeTarget[edge]]]++] = vNumber;
      }
    }
  }
  progress('Dominators', 1, 3);

  // The in-degrees are done with: their array (nodeCount + 1 long) holds the bucket links. Each vertex sits in at
  // most one bucket at a time: buckets are singly linked lists through bucketNext, each link written before it is
  // read. A bucket's head lives in its vertex's `label` slot (see the main loop), not in an array of its own.
  const bucketNext = inDegree;
  scratch.release(bits);
  for (let i = 1; i <= n; i++) label[i] = semi[i] = i;
  ancestor.fill(0);

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
  for (let w = n; w >= 2; w--) {
    label[w] = w;
    const from = first[w - 1];
    const to = first[w];
    let semiW = w;
    if (from === to) {
      // A node with no essential retainer is treated as retained by the root, the smallest number.
      semiW = r;
    } else {
      for (let p = from; p < to; p++) {
        const v = sources[p];
        // A smaller number is not linked yet (vertices are linked at their own step, from n down): eval(v) is v
        // and semi[v] is v. Said here, it saves two reads at random places for every tree edge, ~13 M on 1 GB.
        if (v < w) {
          if (v < semiW) semiW = v;
          continue;
        }
        const u = evaluate(v);
        if (semi[u] < semiW) semiW = semi[u];
      }
    }
    semi[w] = semiW;
    if (semiW < w) {
      bucketNext[w] = label[semiW] === semiW ? 0 : label[semiW];
      label[semiW] = w;
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
  // The predecessor lists are done with: later phases (distances, classes) reuse that memory.
  scratch.release(sources);
  progress('Dominators', 2, 3);

  dom[r] = r;
  for (let w = 2; w <= n; w++) {
    if (dom[w] !== semi[w]) dom[w] = dom[dom[w]];
  }

  // Back to ordinals, into arrays the main loop is done with: `first` becomes the DFS order (number - 1 → ordinal),
  // `ancestor` the dominator of each ordinal. The rest is handed on (see DominatorTree.spare).
  const order = first.subarray(0, nodeCount);
  for (let v = 0; v < nodeCount; v++) order[numberOf[v] - 1] = v;
  const dominator = ancestor.subarray(0, nodeCount);
  for (let v = 0; v < nodeCount; v++) dominator[v] = order[dom[numberOf[v]] - 1];
  scratch.release(numberOf);
  progress('Dominators', 3, 3);
  return { dominator, order, unreachableCount, spare: { sizes, first: parent.fill(0), children: bucketNext } };
}
