// DevTools' distances (BFS from user roots, then from the root) plus the BFS parent edge of every node, for paths.
import type { HeapSnapshot } from '../snapshot.js';
import type { ScratchMemory } from './scratch.js';
import { DOCUMENT_DOM_TREES } from './page-owned.js';
import { WeakMapEdgeNames } from './weakmap-edges.js';

/** DevTools' marker for "not reached". */
export const NO_DISTANCE = -5;
/** DevTools adds this to distances of nodes reached only through the VM's own roots (HeapSnapshotModel.baseSystemDistance). */
export const BASE_SYSTEM_DISTANCE = 100_000_000;

export interface Distances {
  /** Hops from the nearest user root (1 = a user root), or BASE_SYSTEM_DISTANCE + hops, or NO_DISTANCE. */
  distance: Int32Array;
  /** Edge ordinal + 1 through which BFS first reached the node (0 for roots and unreached nodes). */
  parentEdge: Uint32Array;
}

/**
 * BFS over non-weak edges, as DevTools computes "Distance": first from the user roots (non-synthetic children of
 * the root, e.g. `global`, and DOM tree roots), then from the root for everything else. DevTools' filter applies:
 * it skips `sloppy_function_map` of native contexts, descriptor links of `(map descriptors)` arrays, and the first
 * of the two edges V8 writes for each WeakMap pair (so a value's distance is based on the later of key and table).
 */
export function computeDistances(snapshot: HeapSnapshot, scratch: ScratchMemory, into?: Distances): Distances {
  const { nodeCount, firstEdge, edgeTarget, edgeType, edgeNameOrIndex, nodeType, nodeName, rootOrdinal } = snapshot;
  const { weak, internal } = snapshot.edgeTypes;
  const { hidden, array, synthetic } = snapshot.types;
  const weakMapNames = WeakMapEdgeNames.of(snapshot);
  const ephemeronName = weakMapNames.flags;
  /** Ephemeron names whose pair was seen once so far, by pair hash (a list: different pairs may share a hash). */
  const pendingPairs = new Map<number, number[]>();
  /** True the first time a pair is seen (it is then pending), false the second time (it is done). */
  const firstOfPair = (name: number): boolean => {
    const hash = weakMapNames.pairHash(name);
    const pending = pendingPairs.get(hash);
    const match = pending ? pending.findIndex((other) => weakMapNames.samePair(other, name)) : -1;
    if (match < 0) {
      if (pending) pending.push(name);
      else pendingPairs.set(hash, [name]);
      return true;
    }
    if (pending!.length === 1) pendingPairs.delete(hash);
    else pending!.splice(match, 1);
    return false;
  };
  // `into`: arrays another thread reads (helper-thread.ts); else working memory of this analysis.
  const distance = (into?.distance ?? scratch.int32(nodeCount)).fill(NO_DISTANCE);
  const parentEdge = (into?.parentEdge ?? scratch.uint32(nodeCount)).fill(0);
  const queue = scratch.uint32(nodeCount);

  // String-index flags, so the per-edge filter compares numbers, not strings.
  const NATIVE_CONTEXT = 1, MAP_DESCRIPTORS = 2, SLOPPY_FUNCTION_MAP = 3, DOM_TREES = 4;
  const nameFlags = snapshot.strings.indexFlags(['system / NativeContext', '(map descriptors)', 'sloppy_function_map', DOCUMENT_DOM_TREES]);
  // DevTools' filter, split by what it depends on: the source's kind is found once per node, so the per-edge work
  // is a type check except on the few special sources and on internal edges.
  const isSkipped = (edge: number, nativeContext: boolean, descriptors: boolean): boolean => {
    if (nativeContext && snapshot.edgeHasStringName(edge) && nameFlags[edgeNameOrIndex[edge]] === SLOPPY_FUNCTION_MAP) return true;
    if (descriptors) {
      // Descriptor arrays: [0] count, [1] enum cache, then (key, type, descriptor) triples whose links may be
      // shared between maps and are not valid for all of them (crbug.com/413608).
      const index = parseInt(snapshot.edgeName(edge), 10);
      return !(index < 2 || index % 3 !== 1);
    }
    if (edgeType[edge] === internal) {
      const name = edgeNameOrIndex[edge];
      return ephemeronName[name] === 1 && firstOfPair(name);
    }
    return false;
  };

  const bfs = (length: number): void => {
    for (let head = 0; head < length; head++) {
      const source = queue[head];
      const next = distance[source] + 1;
      const end = firstEdge[source + 1];
      const sourceType = nodeType[source];
      const sourceFlags = nameFlags[nodeName[source]];
      const nativeContext = sourceType === hidden && sourceFlags === NATIVE_CONTEXT;
      const descriptors = sourceType === array && sourceFlags === MAP_DESCRIPTORS;
      const special = nativeContext || descriptors;
      for (let edge = firstEdge[source]; edge < end; edge++) {
        const type = edgeType[edge];
        if (type === weak) continue;
        const target = edgeTarget[edge];
        if (distance[target] !== NO_DISTANCE) continue;
        if ((special || (type === internal && ephemeronName[edgeNameOrIndex[edge]] === 1)) && isSkipped(edge, nativeContext, descriptors)) continue;
        distance[target] = next;
        parentEdge[target] = edge + 1;
        queue[length++] = target;
      }
    }
  };

  let userRoots = 0;
  for (let edge = firstEdge[rootOrdinal]; edge < firstEdge[rootOrdinal + 1]; edge++) {
    const target = edgeTarget[edge];
    const isUserRoot = nodeType[target] !== synthetic || nameFlags[nodeName[target]] === DOM_TREES;
    if (!isUserRoot || distance[target] !== NO_DISTANCE) continue;
    distance[target] = 1;
    parentEdge[target] = edge + 1;
    queue[userRoots++] = target;
  }
  bfs(userRoots);
  distance[rootOrdinal] = userRoots > 0 ? BASE_SYSTEM_DISTANCE : 0;
  queue[0] = rootOrdinal;
  bfs(1);
  scratch.release(queue);
  return { distance, parentEdge };
}
