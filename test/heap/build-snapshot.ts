// Builds small, exact .heapsnapshot JSON texts for edge-case tests (6 or 7 node fields, any edges, any strings).

export const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape'];
export const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

export interface TestEdge {
  type: string;
  /** A string name, or an index for element/hidden edges. */
  name: string | number;
  /** Target node position in the `nodes` list. */
  to: number;
}

export interface TestNode {
  type: string;
  name: string;
  id: number;
  size: number;
  edges?: TestEdge[];
  detachedness?: number;
}

export interface BuildOptions {
  /** 7 fields (Node 18–22, with trace_node_id) or 6 (Node 24). */
  fields?: 6 | 7;
  /** Extra top-level sections inserted before "strings" (raw JSON values). */
  extraSections?: Record<string, string>;
  /** Write the header's edge_count as a double, as some V8 versions do. */
  edgeCountAsDouble?: boolean;
}

/** Serialises nodes the way V8 does: header, then flat nodes/edges arrays, then the string table. */
export function buildSnapshot(nodes: TestNode[], options: BuildOptions = {}): string {
  const fields = options.fields ?? 7;
  const nodeFields = fields === 7 ? ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'] : ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'];
  const strings: string[] = ['<dummy>'];
  const stringIndex = (text: string): number => {
    const found = strings.indexOf(text);
    if (found >= 0) return found;
    strings.push(text);
    return strings.length - 1;
  };
  const nodeValues: number[] = [];
  const edgeValues: number[] = [];
  let edgeCount = 0;
  for (const node of nodes) {
    const edges = node.edges ?? [];
    const row = [NODE_TYPES.indexOf(node.type), stringIndex(node.name), node.id, node.size, edges.length];
    if (fields === 7) row.push(0);
    row.push(node.detachedness ?? 0);
    nodeValues.push(...row);
    for (const edge of edges) {
      const numeric = edge.type === 'element' || edge.type === 'hidden';
      edgeValues.push(EDGE_TYPES.indexOf(edge.type), numeric ? Number(edge.name) : stringIndex(String(edge.name)), edge.to * fields);
      edgeCount++;
    }
  }
  const meta = {
    node_fields: nodeFields,
    node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number', 'number'],
    edge_fields: ['type', 'name_or_index', 'to_node'],
    edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
    location_fields: ['object_index', 'script_id', 'line', 'column'],
  };
  const edgeCountText = options.edgeCountAsDouble ? `${edgeCount}.0` : String(edgeCount);
  const extra = Object.entries(options.extraSections ?? {}).map(([key, value]) => `,\n"${key}":${value}`).join('');
  return `{"snapshot":{"meta":${JSON.stringify(meta)},"node_count":${nodes.length},"edge_count":${edgeCountText},"trace_function_count":0},\n`
    + `"nodes":[${nodeValues.join(',')}],\n"edges":[${edgeValues.join(',')}],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[]${extra},\n`
    + `"strings":[${strings.map((s) => JSON.stringify(s)).join(',\n')}]}`;
}

/** A minimal Node-like heap: root → (GC roots) synthetic, root -shortcut→ global, plus whatever the test adds. */
export function withRoots(userNodes: TestNode[], globalEdges: TestEdge[]): TestNode[] {
  // Positions: 0 root, 1 (GC roots), 2 global, then user nodes from 3.
  return [
    { type: 'synthetic', name: '', id: 1, size: 0, edges: [{ type: 'element', name: 1, to: 1 }, { type: 'shortcut', name: 'global', to: 2 }] },
    { type: 'synthetic', name: '(GC roots)', id: 3, size: 0, edges: [] },
    { type: 'object', name: 'global', id: 5, size: 100, edges: globalEdges },
    ...userNodes,
  ];
}
