// Shortest retainer path from the GC roots to a node, rendered like `global.__mgr.queryCache` or `(GC roots) > … > Map.table[12]`.
import type { HeapAnalysis } from './analyze.js';
import { edgeSource } from './graph/retainers.js';

/** One hop of a retainer path: the edge taken and the node it reaches. */
export interface PathStep {
  edgeType: string;
  edgeName: string;
  nodeId: number;
  nodeName: string;
  nodeType: string;
}

export interface RetainerPath {
  /** Human-readable path; "" when the node is the root, "(unreachable)" when no non-weak path exists. */
  text: string;
  /** Every hop from the root's child to the node (untruncated). */
  steps: PathStep[];
  reachable: boolean;
}

/** Longer paths keep their first and last hops with "…" between (a 100 000-link chain is not a useful path). */
const MAX_RENDERED_HOPS = 14;
const HEAD_HOPS = 2;
/** Node names (strings can be huge) are cut to this length in labels. */
const MAX_LABEL_LENGTH = 40;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Backing-store edges that add nothing to a path a developer reads: `arr[3]` rather than `arr.elements[3]`. */
const TRANSPARENT_INTERNAL_EDGES = new Set(['elements', 'properties', 'context', 'shared', 'feedback_cell']);

function label(analysis: HeapAnalysis, ordinal: number): string {
  const { snapshot } = analysis;
  const type = snapshot.nodeTypeName(ordinal);
  const name = snapshot.nodeNameOf(ordinal);
  // Objects read best as their class ("Map", "{id, text}"); system nodes by their own name ("system / Context").
  const text = type === 'object' ? analysis.classes.names[analysis.classes.classOf[ordinal]] : type === 'string' ? JSON.stringify(name) : name || `(${type})`;
  return text.length > MAX_LABEL_LENGTH ? `${text.slice(0, MAX_LABEL_LENGTH - 1)}…` : text;
}

/** How a hop is written after its source: `.name`, `["odd name"]`, `[3]`, `->var`, or "" for transparent hops. */
function accessor(edgeType: string, edgeName: string): string {
  switch (edgeType) {
    case 'element': case 'hidden': return `[${edgeName}]`;
    case 'context': return `->${edgeName}`;
    case 'weak': return `[[${edgeName}]]`;
    case 'internal':
      if (/^\d+$/.test(edgeName)) return `[${edgeName}]`;
      if (TRANSPARENT_INTERNAL_EDGES.has(edgeName)) return '';
      return `.${edgeName}`;
    default:
      return IDENTIFIER.test(edgeName) ? `.${edgeName}` : `[${JSON.stringify(edgeName)}]`;
  }
}

/** The BFS-shortest path (over non-weak edges, user roots such as `global` first, as DevTools' distances). */
export function retainerPath(analysis: HeapAnalysis, ordinal: number): RetainerPath {
  const { snapshot } = analysis;
  const { parentEdge } = analysis.distances;
  if (ordinal === snapshot.rootOrdinal) return { text: '', steps: [], reachable: true };
  const hops: { edge: number; source: number; target: number }[] = [];
  let node = ordinal;
  while (node !== snapshot.rootOrdinal) {
    const via = parentEdge[node];
    if (via === 0) return { text: '(unreachable)', steps: [], reachable: false };
    const edge = via - 1;
    const source = edgeSource(snapshot, edge);
    hops.push({ edge, source, target: node });
    node = source;
    // A cycle here would mean a corrupt parent array; BFS parents always get closer to the root.
    if (hops.length > snapshot.nodeCount) return { text: '(unreachable)', steps: [], reachable: false };
  }
  hops.reverse();
  const steps = hops.map(({ edge, target }) => ({
    edgeType: snapshot.edgeTypeName(edge),
    edgeName: snapshot.edgeName(edge),
    nodeId: snapshot.nodeId[target],
    nodeName: snapshot.nodeNameOf(target),
    nodeType: snapshot.nodeTypeName(target),
  }));
  return { text: renderHops(analysis, hops), steps, reachable: true };
}

function renderHops(analysis: HeapAnalysis, hops: { edge: number; source: number; target: number }[]): string {
  const { snapshot } = analysis;
  const synthetic = snapshot.types.synthetic;
  const cut = hops.length > MAX_RENDERED_HOPS ? hops.length - (MAX_RENDERED_HOPS - HEAD_HOPS) : -1;
  let text = '';
  hops.forEach(({ edge, source, target }, index) => {
    if (cut >= 0 && index >= HEAD_HOPS && index < cut) return;
    if (index === 0) {
      text = label(analysis, target);
    } else if (index === cut) {
      text += ` > … > ${label(analysis, target)}`;
    } else if (snapshot.nodeType[source] === synthetic) {
      // Hops out of synthetic root groups have no accessor syntax: name the node reached.
      text += ` > ${label(analysis, target)}`;
    } else {
      text += accessor(snapshot.edgeTypeName(edge), snapshot.edgeName(edge));
    }
  });
  return text;
}
