// DevTools' names for plain objects: "{a, b, c}" shapes inferred from the most common property sets.
import type { HeapSnapshot } from '../snapshot.js';

/** Past the first property, stop adding names once the shape name would exceed this length (DevTools' value). */
const MAX_INTERFACE_NAME_LENGTH = 120;
/** A shape must match at least this many objects to be worth a name (DevTools: a single object is not a class). */
const MIN_OBJECTS_PER_INTERFACE = 2;
/** …and at least one in this many plain objects (DevTools' MIN_OBJECT_PROPORTION_PER_INTERFACE), so big heaps get few shapes. */
const MIN_OBJECT_PROPORTION_PER_INTERFACE = 1000;

interface Definition { name: string; properties: string[] }
interface MatchInfo { name: string; propertyCount: number; index: number }
interface TreeNode { next: Map<string, TreeNode>; match: MatchInfo | null; greatestNext: string | null }

/** Escapes property names that would make a shape name ambiguous (commas, quotes, braces), as DevTools does. */
export function formatPropertyName(name: string): string {
  if (!/[,'"{}]/.test(name)) return name;
  const json = JSON.stringify({ [name]: 0 });
  return json.substring(1, json.length - 3);
}

export function isPlainObject(snapshot: HeapSnapshot, ordinal: number): boolean {
  return snapshot.nodeType[ordinal] === snapshot.types.object && snapshot.nodeNameOf(ordinal) === 'Object';
}

function inferDefinitions(snapshot: HeapSnapshot): Definition[] {
  const { firstEdge, edgeType, edgeNameOrIndex, strings } = snapshot;
  const property = snapshot.edgeTypes.property;
  const candidates = new Map<string, Definition & { count: number }>();
  let plainObjects = 0;
  for (let ordinal = 0; ordinal < snapshot.nodeCount; ordinal++) {
    if (!isPlainObject(snapshot, ordinal)) continue;
    plainObjects++;
    let name = '{';
    const properties: string[] = [];
    for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) {
      if (edgeType[edge] !== property) continue;
      const edgeName = strings[edgeNameOrIndex[edge]];
      if (edgeName === '__proto__') continue;
      const formatted = formatPropertyName(edgeName);
      if (name.length > 1 && name.length + formatted.length > MAX_INTERFACE_NAME_LENGTH) break;
      if (name.length !== 1) name += ', ';
      name += formatted;
      properties.push(edgeName);
    }
    if (properties.length === 0) continue;
    name += '}';
    const candidate = candidates.get(name);
    if (candidate) candidate.count++;
    else candidates.set(name, { name, properties, count: 1 });
  }
  const sorted = [...candidates.values()].sort((a, b) => b.count - a.count);
  const minCount = Math.max(MIN_OBJECTS_PER_INTERFACE, plainObjects / MIN_OBJECT_PROPORTION_PER_INTERFACE);
  const result: Definition[] = [];
  for (const candidate of sorted) {
    if (candidate.count < minCount) break;
    result.push(candidate);
  }
  return result;
}

function better(a: MatchInfo, b: MatchInfo | null): MatchInfo {
  if (!b || a.propertyCount > b.propertyCount) return a;
  if (b.propertyCount > a.propertyCount) return b;
  return a.index <= b.index ? a : b;
}

function buildTree(definitions: Definition[]): TreeNode {
  const root: TreeNode = { next: new Map(), match: null, greatestNext: null };
  definitions.forEach((definition, index) => {
    const properties = [...definition.properties].sort();
    let node = root;
    for (const property of properties) {
      let next = node.next.get(property);
      if (!next) {
        next = { next: new Map(), match: null, greatestNext: null };
        node.next.set(property, next);
        if (node.greatestNext === null || node.greatestNext < property) node.greatestNext = property;
      }
      node = next;
    }
    // Earlier (more common) definitions win when two have the same property set.
    node.match ??= { name: definition.name, propertyCount: properties.length, index };
  });
  return root;
}

/** Shape names, and per node ordinal the 1-based index of its shape in `names` (0: no shape, class "Object"). */
export interface PlainObjectShapes {
  names: string[];
  shapeOf: Uint32Array;
}

/**
 * Infers the shape name of each plain object (`Object` constructor). Mirrors DevTools' inferInterfaceDefinitions +
 * applyInterfaceDefinitions: an object matches a shape when it has all of the shape's properties; the match with
 * the most properties wins, then the most common shape.
 */
export function inferPlainObjectShapes(snapshot: HeapSnapshot): PlainObjectShapes {
  const definitions = inferDefinitions(snapshot);
  const names = definitions.map((definition) => definition.name);
  const shapeOf = new Uint32Array(definitions.length === 0 ? 0 : snapshot.nodeCount);
  if (definitions.length === 0) return { names, shapeOf };
  const tree = buildTree(definitions);
  const fallback: MatchInfo = { name: 'Object', propertyCount: 0, index: Infinity };
  const { firstEdge, edgeType, edgeNameOrIndex, strings } = snapshot;
  const property = snapshot.edgeTypes.property;
  for (let ordinal = 0; ordinal < snapshot.nodeCount; ordinal++) {
    if (!isPlainObject(snapshot, ordinal)) continue;
    const properties: string[] = [];
    for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) {
      if (edgeType[edge] === property) properties.push(strings[edgeNameOrIndex[edge]]);
    }
    properties.sort();
    const states = new Set<TreeNode>([tree]);
    let match = better(fallback, tree.match);
    for (const name of properties) {
      for (const state of [...states]) {
        if (state.greatestNext === null || name >= state.greatestNext) states.delete(state);
        const next = state.next.get(name);
        if (next) {
          states.add(next);
          match = better(match, next.match);
        }
      }
    }
    if (match !== fallback) shapeOf[ordinal] = match.index + 1;
  }
  return { names, shapeOf };
}
