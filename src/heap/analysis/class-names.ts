// DevTools' class of each node (the Summary's "Constructor" column): names by node type, plus source location for objects.
import type { HeapSnapshot } from '../snapshot.js';
import { DETACHED, propagateDetachedness } from './detachedness.js';
import { inferPlainObjectShapes } from './interface-names.js';
import type { ScratchMemory } from './scratch.js';

export interface NodeClasses {
  /** Class id of every node (index into `names`). */
  classOf: Uint32Array;
  /** Display name per class id: a constructor name, `{a, b}` for plain-object shapes, or `(string)`, `(system)`, … */
  names: string[];
  /** Source location "scriptId:line:column" of the constructor when V8 recorded one, else "". */
  locations: string[];
}

/** DevTools shortens DOM-style names like `<div id="a">` to `<div>` so all such nodes share a class. */
function shortenTagName(name: string): string {
  if (name.startsWith('<')) {
    const space = name.indexOf(' ');
    return space === -1 ? name : `${name.substring(0, space)}>`;
  }
  if (name.startsWith('Detached <')) {
    const space = name.indexOf(' ', 'Detached <'.length);
    return space === -1 ? name : `${name.substring(0, space)}>`;
  }
  return name;
}

/** The class name DevTools gives a node of each type (HeapSnapshot.ts calculateObjectNames). */
function typeClassName(typeName: string): string | undefined {
  switch (typeName) {
    case 'hidden': return '(system)';
    case 'code': return '(compiled code)';
    case 'closure': return 'Function';
    case 'regexp': return 'RegExp';
    case 'object': case 'native': return undefined;
    default: return `(${typeName})`;
  }
}

/** Constructor locations of objects: location id per located object ordinal, and the distinct location texts. */
interface ObjectLocations {
  /** Location id per node ordinal, -1 when none. A typed array, not a Map: millions of objects carry locations. */
  idOf: Int32Array;
  texts: string[];
  count: number;
}

/** Packed location keys: 2^11 scripts × 2^21 lines × 2^21 columns = 2^53, all exact as doubles. */
const PACKED_SCRIPTS = 2 ** 11;
const PACKED_POSITIONS = 2 ** 21;

/** V8 records the constructor's position for objects (and the function's for closures, which DevTools ignores here). */
function objectLocations(snapshot: HeapSnapshot, scratch: ScratchMemory): ObjectLocations {
  const fields = snapshot.layout.locationFields;
  const width = fields.length;
  const [objectOffset, scriptOffset, lineOffset, columnOffset] = ['object_index', 'script_id', 'line', 'column'].map((name) => fields.indexOf(name));
  const texts: string[] = [];
  if (width === 0 || objectOffset < 0 || snapshot.locations.length === 0) return { idOf: new Int32Array(0), texts, count: 0 };
  const idOf = scratch.int32(snapshot.nodeCount).fill(-1);
  let count = 0;
  // Millions of rows name a few hundred places: keyed by one exact number (script, line and column packed into
  // 53 bits) instead of a string per row (~0.3 s on the 1 GB bench snapshot); the text is made once per place.
  // A place too big to pack (script ≥ 2^11, line or column ≥ 2^21) is keyed by its text.
  const idByKey = new Map<number | string, number>();
  const rows = snapshot.locations;
  const object = snapshot.types.object;
  for (let i = 0; i + width <= rows.length; i += width) {
    const ordinal = rows[i + objectOffset];
    if (snapshot.nodeType[ordinal] !== object) continue;
    const script = rows[i + scriptOffset];
    const line = rows[i + lineOffset];
    const column = rows[i + columnOffset];
    const packs = script < PACKED_SCRIPTS && line < PACKED_POSITIONS && column < PACKED_POSITIONS;
    const key = packs ? (script * PACKED_POSITIONS + line) * PACKED_POSITIONS + column : `${script}:${line}:${column}`;
    let id = idByKey.get(key);
    if (id === undefined) {
      id = texts.length;
      texts.push(`${script}:${line}:${column}`);
      idByKey.set(key, id);
    }
    idOf[ordinal] = id;
    count++;
  }
  return { idOf, texts, count };
}

/**
 * Scratch bytes computeClasses takes: detachedness and its visited flags (1 byte per node each), classOf and the
 * location ids (4 each), the two name caches (4 bytes per string each), plus alignment. The summary thread is lent
 * this much (summary-thread.ts); keep it in step with the takes below.
 */
export function classesScratchBytes(snapshot: HeapSnapshot): number {
  return snapshot.nodeCount * (1 + 1 + 4 + 4) + snapshot.strings.length * 2 * 4 + 8 * 8;
}

/**
 * Classifies every node as DevTools' Summary does. Objects are split by constructor location when V8 recorded one
 * (two classes named `Foo` from different files are two rows), plain objects by inferred shape.
 */
export function computeClasses(snapshot: HeapSnapshot, scratch: ScratchMemory): NodeClasses {
  const { nodeCount, nodeType, nodeName, strings } = snapshot;
  const { object, native } = snapshot.types;
  const detachedness = propagateDetachedness(snapshot, scratch);
  // Until the loop below gives a node its class, its slot holds the node's plain-object signature number.
  const classOf = scratch.uint32(nodeCount);
  const shapes = inferPlainObjectShapes(snapshot, classOf);
  const located = objectLocations(snapshot, scratch);
  // Located classes by (location id, name string index), as one number: no string keys per node.
  const locatedClass = new Map<number, number>();
  // A constructor's place nearly always has one name: the last (name key, class) seen per place answers most
  // located objects without a Map lookup (millions of them, a few hundred places).
  const lastNameKey = new Int32Array(located.texts.length).fill(-1);
  const lastClass = new Uint32Array(located.texts.length);
  const names: string[] = [];
  const locations: string[] = [];
  const idByKey = new Map<string, number>();
  const classId = (name: string, location: string): number => {
    const key = location === '' ? name : `${location},${name}`;
    let id = idByKey.get(key);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      locations.push(location);
      idByKey.set(key, id);
    }
    return id;
  };
  const byType = snapshot.layout.nodeTypes.map((typeName) => {
    const name = typeClassName(typeName);
    return name === undefined ? -1 : classId(name, '');
  });
  // Unlocated objects and natives share a class per name string: cache by string index (detached natives apart).
  const byName = scratch.int32(strings.length).fill(-1);
  const detachedByName = scratch.int32(strings.length).fill(-1);
  const shapeClass = new Int32Array(shapes.names.length + 1).fill(-1);
  const nameKeyStride = strings.length + shapes.names.length + 1;
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    const type = nodeType[ordinal];
    const fixed = byType[type];
    if (fixed >= 0) {
      classOf[ordinal] = fixed;
      continue;
    }
    const shape = type === object ? shapes.shapeOfSignature(classOf[ordinal]) : 0;
    const locationId = type === object && located.count > 0 ? located.idOf[ordinal] : -1;
    if (shape === 0 && locationId < 0) {
      const isDetached = type === native && detachedness[ordinal] === DETACHED;
      const cache = isDetached ? detachedByName : byName;
      const nameIndex = nodeName[ordinal];
      if (cache[nameIndex] < 0) {
        const name = strings.get(nameIndex) ?? '';
        cache[nameIndex] = classId(shortenTagName(isDetached ? `Detached ${name}` : name), '');
      }
      classOf[ordinal] = cache[nameIndex];
      continue;
    }
    if (locationId < 0) {
      if (shapeClass[shape] < 0) shapeClass[shape] = classId(shapes.names[shape - 1], '');
      classOf[ordinal] = shapeClass[shape];
      continue;
    }
    // Name keys: string indexes, then shape numbers after them, so the two never collide.
    const nameKey = shape > 0 ? strings.length + shape : nodeName[ordinal];
    if (lastNameKey[locationId] === nameKey) {
      classOf[ordinal] = lastClass[locationId];
      continue;
    }
    const key = locationId * nameKeyStride + nameKey;
    let id = locatedClass.get(key);
    if (id === undefined) {
      const name = shape > 0 ? shapes.names[shape - 1] : shortenTagName(strings.get(nodeName[ordinal]) ?? '');
      id = classId(name, located.texts[locationId]);
      locatedClass.set(key, id);
    }
    lastNameKey[locationId] = nameKey;
    lastClass[locationId] = id;
    classOf[ordinal] = id;
  }
  // Only classOf outlives this function: the rest backs later phases' arrays.
  for (const spare of [located.idOf, byName, detachedByName, detachedness]) scratch.release(spare);
  return { classOf, names, locations };
}
