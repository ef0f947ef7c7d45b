// Memory attributed to each pool instance in a heap snapshot: pool objects matched by constructor name and
// their own property names (the shapes in src/pools/runtime/), with retained size, the connection objects
// they dominate, and the owner path. Used by `analyze --snapshot` and `pooldoc heap`.
import { retainerPath, type HeapAnalysis } from '../../heap/index.js';
import { RUNTIME_POOL_LIBRARIES } from './index.js';
import type { RuntimePoolLibrary } from './types.js';

/** Dominator subtrees of a big pool can be large: stop counting connections after this many nodes. */
const MAX_SUBTREE_VISITS = 200_000;

export interface PoolHeapAttribution {
  library: string;
  className: string;
  id: number;
  retainedSize: number;
  /** Connection objects (by the library's connection class names) the pool dominates. */
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
  const found: PoolHeapAttribution[] = [];
  for (let ordinal = 0; ordinal < snapshot.nodeCount; ordinal++) {
    if (snapshot.nodeType[ordinal] !== objectType) continue;
    const candidates = byClass.get(snapshot.nodeNameOf(ordinal));
    if (!candidates) continue;
    const properties = propertyNames(analysis, ordinal);
    const library = candidates.find((candidate) => candidate.heap.edgeNames.every((name) => properties.has(name)));
    if (!library) continue;
    found.push({
      library: library.library,
      className: snapshot.nodeNameOf(ordinal),
      id: snapshot.nodeId[ordinal]!,
      retainedSize: analysis.retainedSize[ordinal]!,
      connections: countDominated(analysis, ordinal, new Set(library.heap.connectionClassNames)),
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

/** Nodes of the given classes in the dominator subtree of `ordinal` (iterative; capped). */
function countDominated(analysis: HeapAnalysis, ordinal: number, classNames: ReadonlySet<string>): number {
  if (classNames.size === 0) return 0;
  const { first, children } = analysis.dominated;
  const { snapshot } = analysis;
  const stack = [ordinal];
  let count = 0;
  let visits = 0;
  while (stack.length > 0 && visits++ < MAX_SUBTREE_VISITS) {
    const node = stack.pop()!;
    if (node !== ordinal && snapshot.nodeType[node] === snapshot.types.object && classNames.has(snapshot.nodeNameOf(node))) count++;
    for (let index = first[node]!; index < first[node + 1]!; index++) stack.push(children[index]!);
  }
  return count;
}
