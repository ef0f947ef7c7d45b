// One node in depth: identity, sizes, retainer path, who retains it, and what it dominates.
import type { HeapAnalysis } from './analyze.js';
import { edgeSource } from './graph/retainers.js';
import { retainerPath, type PathStep } from './paths.js';
import { nodeInfo, type NodeInfo } from './summary.js';

export interface RetainerInfo extends NodeInfo {
  edgeType: string;
  edgeName: string;
  /** DevTools' distance of the retaining node (smaller: closer to a root). */
  distance: number;
}

export interface NodeDetail extends NodeInfo {
  distance: number;
  path: string;
  pathSteps: PathStep[];
  /** Id of the immediate dominator (the root dominates itself). */
  dominatorId: number;
  edgeCount: number;
  retainerCount: number;
  /** Retaining edges, strong before weak, nearest to a root first. */
  retainers: RetainerInfo[];
  /** Nodes this one dominates directly, largest retained size first. */
  dominated: NodeInfo[];
}

export interface NodeDetailOptions {
  /** How many retainers and dominated children to list (default 20). */
  limit?: number;
}

export function nodeDetail(analysis: HeapAnalysis, ordinal: number, options: NodeDetailOptions = {}): NodeDetail {
  const { snapshot } = analysis;
  const limit = options.limit ?? 20;
  const { distance } = analysis.distances;
  const { first, edges } = analysis.retainers;
  const weak = snapshot.edgeTypes.weak;
  const retainerEdges = Array.from(edges.subarray(first[ordinal], first[ordinal + 1]));
  const sources = new Map(retainerEdges.map((edge) => [edge, edgeSource(snapshot, edge)]));
  // Unreached retainers (NO_DISTANCE is negative) sort last among their kind.
  const rank = (edge: number): number => (snapshot.edgeType[edge] === weak ? 2 ** 40 : 0) + (distance[sources.get(edge)!] < 0 ? 2 ** 32 : distance[sources.get(edge)!]);
  retainerEdges.sort((a, b) => rank(a) - rank(b));
  const path = retainerPath(analysis, ordinal);
  const { first: firstChild, children } = analysis.dominated;
  const dominated = Array.from(children.subarray(firstChild[ordinal], firstChild[ordinal + 1]))
    .sort((a, b) => analysis.retainedSize[b] - analysis.retainedSize[a])
    .slice(0, limit)
    .map((child) => nodeInfo(analysis, child));
  return {
    ...nodeInfo(analysis, ordinal),
    distance: distance[ordinal],
    path: path.text,
    pathSteps: path.steps,
    dominatorId: snapshot.nodeId[analysis.dominator[ordinal]],
    edgeCount: snapshot.firstEdge[ordinal + 1] - snapshot.firstEdge[ordinal],
    retainerCount: retainerEdges.length,
    retainers: retainerEdges.slice(0, limit).map((edge) => {
      const source = sources.get(edge)!;
      return { ...nodeInfo(analysis, source), edgeType: snapshot.edgeTypeName(edge), edgeName: snapshot.edgeName(edge), distance: distance[source] };
    }),
    dominated,
  };
}
