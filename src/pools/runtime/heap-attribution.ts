// Memory attributed to each pool instance in a heap snapshot: pool objects matched by constructor name and
// their own property names (the shapes in src/pools/runtime/), with retained size, the connection objects
// they dominate, and the owner path. Used by `analyze --snapshot` and `pooldoc heap`.
import { retainerPath, type HeapAnalysis } from '../../heap/index.js';
import { RUNTIME_POOL_LIBRARIES } from './index.js';
import type { RuntimePoolLibrary } from './types.js';

/** A big pool's neighbourhood can be large: stop searching for connections after this many nodes. */
const MAX_SUBTREE_VISITS = 200_000;
/** Deep enough for every library's container chain (generic-pool: pool → Set → table → PooledResource → obj). */
const CONNECTION_SEARCH_DEPTH = 5;

export interface PoolHeapAttribution {
  library: string;
  className: string;
  id: number;
  retainedSize: number;
  /** Connection objects (by the library's connection class names) the pool holds, checked out or idle. */
  connections: number;
  path: string;
}

export function attributePools(analysis: HeapAnalysis, libraries: readonly RuntimePoolLibrary[] = RUNTIME_POOL_LIBRARIES): PoolHeapAttribution[] {
  const { snapshot } = analysis;
  const byClass = new Map<string, RuntimePoolLibrary[]>();
  for (const library of libraries) {
    if (library.heap.edgeNames.length === 0) continue;
    for (const name of library.heap.classNames) byClass.set(name, [...(byClass.get(name) ?? []), library]);
  }
  const objectType = snapshot.types.object;
  // Class names flagged once by string index: the loop below visits every object of the heap (millions), and
  // the snapshot's strings are bytes until asked for.
  const classNames = [...byClass.keys()];
  const classFlags = snapshot.strings.indexFlags(classNames);
  const found: PoolHeapAttribution[] = [];
  for (let ordinal = 0; ordinal < snapshot.nodeCount; ordinal++) {
    if (snapshot.nodeType[ordinal] !== objectType) continue;
    const flag = classFlags[snapshot.nodeName[ordinal]];
    if (flag === 0) continue;
    const candidates = byClass.get(classNames[flag - 1])!;
    const properties = propertyNames(analysis, ordinal);
    const library = candidates.find((candidate) => candidate.heap.edgeNames.every((name) => properties.has(name)));
    if (!library) continue;
    found.push({
      library: library.library,
      className: snapshot.nodeNameOf(ordinal),
      id: snapshot.nodeId[ordinal]!,
      retainedSize: analysis.retainedSize[ordinal]!,
      connections: countHeldConnections(analysis, ordinal, new Set(library.heap.connectionClassNames)),
      path: retainerPath(analysis, ordinal).text,
    });
  }
  return found.sort((a, b) => b.retainedSize - a.retainedSize);
}

function propertyNames(analysis: HeapAnalysis, ordinal: number): Set<string> {
  const { snapshot } = analysis;
  const names = new Set<string>();
  const end = snapshot.firstEdge[ordinal + 1]!;
  for (let edge = snapshot.firstEdge[ordinal]!; edge < end; edge++) if (snapshot.edgeHasStringName(edge)) names.add(snapshot.edgeName(edge));
  return names;
}

/**
 * Connection objects the pool holds: nodes of the library's connection classes reachable from the pool within
 * CONNECTION_SEARCH_DEPTH strong edges (pool → _clients array → Client; pool → Set table → PooledResource → obj).
 * Not the dominator subtree: a checked-out connection is also retained by its socket's handle, so the pool
 * never dominates it, yet it is exactly what a leaking pool holds.
 */
function countHeldConnections(analysis: HeapAnalysis, ordinal: number, classNames: ReadonlySet<string>): number {
  if (classNames.size === 0) return 0;
  const { snapshot } = analysis;
  const { firstEdge, edgeTarget, edgeType, nodeType } = snapshot;
  const weak = snapshot.edgeTypes.weak;
  const objectType = snapshot.types.object;
  const seen = new Set<number>([ordinal]);
  let frontier = [ordinal];
  let count = 0;
  for (let depth = 0; depth < CONNECTION_SEARCH_DEPTH && frontier.length > 0 && seen.size < MAX_SUBTREE_VISITS; depth++) {
    const next: number[] = [];
    for (const node of frontier) {
      for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) {
        const target = edgeTarget[edge]!;
        if (edgeType[edge] === weak || seen.has(target)) continue;
        seen.add(target);
        if (nodeType[target] === objectType && classNames.has(snapshot.nodeNameOf(target))) count++;
        else next.push(target); // a connection's own children are not searched: they are not other connections
      }
    }
    frontier = next;
  }
  return count;
}
