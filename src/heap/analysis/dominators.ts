// Immediate dominators over essential edges: semi-NCA on a Lengauer–Tarjan DFS, iterative, with DevTools' handling of unreachable nodes.
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
   * Working memory that is free once the tree is built: `sizes` (8 bytes per node + 8) holds the retained sizes
   * and `first`/`children` (nodeCount + 1 each) the dominated CSR, so those are not allocated on top of LT garbage
   * that V8 frees only at its next GC (that overlap was the 1 GB snapshot's memory peak). `children` is the
   * in-degree array, done with after the DFS.
   */
  spare: { sizes: ArrayBuffer; first: Uint32Array; children: Uint32Array };
}

/** First size of the path-compression stack (grown by doubling): 64 K entries, 256 KB. */
const INITIAL_COMPRESSION_STACK = 1 << 16;

/**
 * Semidominators as in Thomas Lengauer and Robert Endre Tarjan, "A fast algorithm for finding dominators in a
 * flowgraph", ACM TOPLAS 1(1), 1979, 121–141 (https://doi.org/10.1145/357062.357071) — the "simple" eval/link
 * version, variable names as in the paper — then immediate dominators by semi-NCA instead of LT's buckets (same
 * result: the dominator tree of a graph is unique). Vertices are their DFS numbers 1..n (0 means "none"): every
 * array of the main loop is indexed by number, so the loop walks them in order instead of jumping across the heap
 * by ordinal, and the predecessor lists hold numbers too.
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
  // Cliques that only retain each other: numbered without a DFS, so their edges (retainers of one another, and of
  // nodes numbered before) are listed here, once every one of them has its number: a searched node's list then
  // ends where the next one starts.
  const cliqueStart = n + 1;
  if (n < nodeCount) {
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

  scratch.release(bits);
  // Numbers up to here belong to a DFS of the graph with an edge from the root to each orphan (DevTools' order):
  // semi-NCA below computes that graph's dominators. Numbers after it are the cliques (see the main loop).
  const lastSearched = cliqueStart - 1;
  ancestor.fill(0);

  // Path compression, iterative; the stack never exceeds the depth of the ancestor forest, which is far below the
  // node count in real heaps: it grows on demand instead of costing 4 bytes per node at the memory peak. `label`
  // holds semidominator numbers (semi-NCA's variant): the smallest on the compressed path, no indirection.
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
      if (label[a] < label[w]) label[w] = label[a];
      ancestor[w] = ancestor[a];
    }
    return label[v];
  };

  // Semidominators, as Lengauer–Tarjan, from the last searched number down; each vertex is linked to its parent
  // at its own step. Why not the clique numbers: a clique node's retainers are clique nodes only (a searched node's
  // edges were all followed), and every one of its semidominators is a clique number, larger than any searched
  // number, so it never lowers a searched node's; left unlinked, evaluate gives them their own (larger) number.
  for (let w = lastSearched; w >= 2; w--) {
    const from = first[w - 1];
    const to = first[w];
    let semiW = w;
    if (from === to) {
      // A node with no essential retainer is treated as retained by the root, the smallest number.
      semiW = r;
    } else {
      for (let p = from; p < to; p++) {
        const v = sources[p];
        // A smaller number is not linked yet (vertices are linked at their own step, from n down): eval(v) is v.
        // Said here, it saves a call and reads at random places for every tree edge, ~13 M on 1 GB.
        if (v < w) {
          if (v < semiW) semiW = v;
          continue;
        }
        const u = evaluate(v);
        if (u < semiW) semiW = u;
      }
    }
    semi[w] = semiW;
    label[w] = semiW;
    ancestor[w] = parent[w];
  }
  // The predecessor lists are done with: later phases (distances, classes) reuse that memory.
  scratch.release(sources);
  progress('Dominators', 2, 3);

  // Immediate dominators, semi-NCA (Georgiadis; Georgiadis, Tarjan and Werneck, "Finding dominators in practice",
  // JGAA 10(1), 2006, https://doi.org/10.7155/jgaa.00119): idom(w) is the nearest common ancestor of parent(w) and
  // semi(w) in the dominator tree, found by walking up from the parent while the number is above semi(w). Dominators
  // are numbered before what they dominate, so every ancestor on the walk is final. Why not LT's buckets: they
  // evaluated every vertex a second time, at random places (~35 % of the step on the 200 MB bench snapshot).
  // dom shares parent's array: parent[w] is read at w's step above, before dom[w] is written here.
  // Clique nodes: DevTools' LT hangs each off the root (their buckets are never emptied: their semidominators are
  // clique nodes without children), so their dominator is the root.
  const dom = parent;
  dom[r] = r;
  for (let w = 2; w <= lastSearched; w++) {
    const semiW = semi[w];
    let d = dom[w];
    while (d > semiW) d = dom[d];
    dom[w] = d;
  }
  for (let w = cliqueStart; w <= n; w++) dom[w] = r;

  // Back to ordinals, into arrays the main loop is done with: `first` becomes the DFS order (number - 1 → ordinal),
  // `ancestor` the dominator of each ordinal. The rest is handed on (see DominatorTree.spare).
  const order = first.subarray(0, nodeCount);
  for (let v = 0; v < nodeCount; v++) order[numberOf[v] - 1] = v;
  const dominator = ancestor.subarray(0, nodeCount);
  for (let v = 0; v < nodeCount; v++) dominator[v] = order[dom[numberOf[v]] - 1];
  scratch.release(numberOf);
  progress('Dominators', 3, 3);
  return { dominator, order, unreachableCount, spare: { sizes, first: parent.fill(0), children: inDegree } };
}
