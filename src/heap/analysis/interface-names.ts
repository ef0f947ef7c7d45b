// DevTools' names for plain objects: "{a, b, c}" shapes inferred from the most common property sets.
import type { HeapSnapshot } from '../snapshot.js';
import type { StringTable } from '../string-table.js';

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

/** Flags the string indexes whose text is "Object" (V8 dedups its string table, but nothing requires it). */
export function objectNameFlags(snapshot: HeapSnapshot): Uint8Array {
  return snapshot.strings.indexFlags(['Object']);
}

/** All property edges of one plain object, in edge order: the shape is a function of this list alone. */
interface Signature {
  /** String indexes of the property edge names (`__proto__` included; the candidate name skips it). */
  properties: number[];
  count: number;
  /** 1-based index of the matched definition; 0 = none (class "Object"). */
  match: number;
  /** 1-based position in SignatureIndex.list. */
  number: number;
}

/**
 * Groups plain objects by the exact list of their property edge names. Thousands of objects share a few lists,
 * so naming work is done once per list (DevTools does it per object). Keys pack string indexes as UTF-16 pairs.
 */
class SignatureIndex {
  readonly byKey = new Map<string, Signature>();
  /** The signatures in order of first appearance; a node's signature number is its index here + 1. */
  readonly list: Signature[] = [];
  readonly #snapshot: HeapSnapshot;
  readonly #isObjectName: Uint8Array;

  constructor(snapshot: HeapSnapshot) {
    this.#snapshot = snapshot;
    this.#isObjectName = objectNameFlags(snapshot);
  }

  /** The signature of a node, or undefined when it is not a plain object. `create` adds unseen ones. */
  of(ordinal: number, create: boolean): Signature | undefined {
    const { nodeType, nodeName, firstEdge, edgeType, edgeNameOrIndex } = this.#snapshot;
    if (nodeType[ordinal] !== this.#snapshot.types.object || !this.#isObjectName[nodeName[ordinal]]) return undefined;
    const property = this.#snapshot.edgeTypes.property;
    let key = '';
    for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) {
      if (edgeType[edge] !== property) continue;
      const name = edgeNameOrIndex[edge];
      key += String.fromCharCode(name & 0xffff, name >>> 16);
    }
    let signature = this.byKey.get(key);
    if (!signature && create) {
      const properties: number[] = [];
      for (let i = 0; i < key.length; i += 2) properties.push(key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16));
      signature = { properties, count: 0, match: 0, number: this.list.length + 1 };
      this.byKey.set(key, signature);
      this.list.push(signature);
    }
    return signature;
  }
}

/** DevTools' candidate name of a property list: `{a, b, c}` cut at MAX_INTERFACE_NAME_LENGTH, `__proto__` skipped. */
function candidateOf(strings: StringTable, properties: number[]): Definition | undefined {
  let name = '{';
  const names: string[] = [];
  for (const index of properties) {
    const text = strings.get(index) ?? '';
    if (text === '__proto__') continue;
    const formatted = formatPropertyName(text);
    if (name.length > 1 && name.length + formatted.length > MAX_INTERFACE_NAME_LENGTH) break;
    if (name.length !== 1) name += ', ';
    name += formatted;
    names.push(text);
  }
  return names.length === 0 ? undefined : { name: `${name}}`, properties: names };
}

function inferDefinitions(snapshot: HeapSnapshot, signatures: SignatureIndex, signatureOf: Uint32Array): Definition[] {
  let plainObjects = 0;
  for (let ordinal = 0; ordinal < snapshot.nodeCount; ordinal++) {
    const signature = signatures.of(ordinal, true);
    signatureOf[ordinal] = signature?.number ?? 0;
    if (!signature) continue;
    signature.count++;
    plainObjects++;
  }
  // Signatures are in order of first appearance, as DevTools' per-object candidate map: ties sort the same way.
  const candidates = new Map<string, Definition & { count: number }>();
  for (const signature of signatures.byKey.values()) {
    const candidate = candidateOf(snapshot.strings, signature.properties);
    if (!candidate) continue;
    const existing = candidates.get(candidate.name);
    if (existing) existing.count += signature.count;
    else candidates.set(candidate.name, { ...candidate, count: signature.count });
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

/** Shape names, and the 1-based shape index of a signature number (0: not a plain object, or no shape: "Object"). */
export interface PlainObjectShapes {
  names: string[];
  shapeOfSignature(signatureNumber: number): number;
}

/** The best definition for one property list, by DevTools' property-tree walk over the sorted names. */
function matchOf(tree: TreeNode, strings: StringTable, properties: number[]): number {
  const fallback: MatchInfo = { name: 'Object', propertyCount: 0, index: Infinity };
  const names = properties.map((index) => strings.get(index) ?? '').sort();
  const states = new Set<TreeNode>([tree]);
  let match = better(fallback, tree.match);
  for (const name of names) {
    for (const state of [...states]) {
      if (state.greatestNext === null || name >= state.greatestNext) states.delete(state);
      const next = state.next.get(name);
      if (next) {
        states.add(next);
        match = better(match, next.match);
      }
    }
  }
  return match === fallback ? 0 : match.index + 1;
}

/**
 * Infers the shape name of plain objects (`Object` constructor). `signatureOf` gets each node's signature number
 * (0: not a plain object), so the caller finds a node's shape without building its property list again. Mirrors
 * the bundled DevTools worker's inferInterfaceDefinitions + applyInterfaceDefinitions: shapes are the property lists shared by at least
 * max(2, plain objects / 1000) objects; an object matches a shape when it has all of its properties; the match
 * with the most properties wins, then the most common shape.
 */
export function inferPlainObjectShapes(snapshot: HeapSnapshot, signatureOf: Uint32Array): PlainObjectShapes {
  const signatures = new SignatureIndex(snapshot);
  const definitions = inferDefinitions(snapshot, signatures, signatureOf);
  const names = definitions.map((definition) => definition.name);
  if (definitions.length === 0) return { names, shapeOfSignature: () => 0 };
  const tree = buildTree(definitions);
  for (const signature of signatures.list) signature.match = matchOf(tree, snapshot.strings, signature.properties);
  const { list } = signatures;
  return { names, shapeOfSignature: (number) => (number === 0 ? 0 : list[number - 1].match) };
}
