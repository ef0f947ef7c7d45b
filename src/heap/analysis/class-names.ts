// DevTools' class of each node (the Summary's "Constructor" column): names by node type, plus source location for objects.
import type { HeapSnapshot } from '../snapshot.js';
import { DETACHED, propagateDetachedness } from './detachedness.js';
import { inferPlainObjectShapes } from './interface-names.js';

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

/** Source location of located nodes (V8 records the constructor's position for objects, the function's for closures). */
function locationByOrdinal(snapshot: HeapSnapshot): Map<number, string> {
  const fields = snapshot.layout.locationFields;
  const width = fields.length;
  const [objectOffset, scriptOffset, lineOffset, columnOffset] = ['object_index', 'script_id', 'line', 'column'].map((name) => fields.indexOf(name));
  const result = new Map<number, string>();
  if (width === 0 || objectOffset < 0) return result;
  const rows = snapshot.locations;
  for (let i = 0; i + width <= rows.length; i += width) {
    result.set(rows[i + objectOffset], `${rows[i + scriptOffset]}:${rows[i + lineOffset]}:${rows[i + columnOffset]}`);
  }
  return result;
}

/**
 * Classifies every node as DevTools' Summary does. Objects are split by constructor location when V8 recorded one
 * (two classes named `Foo` from different files are two rows), plain objects by inferred shape.
 */
export function computeClasses(snapshot: HeapSnapshot): NodeClasses {
  const { nodeCount, nodeType, nodeName, strings } = snapshot;
  const { object, native } = snapshot.types;
  const detachedness = propagateDetachedness(snapshot);
  const shapes = inferPlainObjectShapes(snapshot);
  const located = locationByOrdinal(snapshot);
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
  const byName = new Int32Array(strings.length).fill(-1);
  const detachedByName = new Int32Array(strings.length).fill(-1);
  const classOf = new Uint32Array(nodeCount);
  for (let ordinal = 0; ordinal < nodeCount; ordinal++) {
    const type = nodeType[ordinal];
    const fixed = byType[type];
    if (fixed >= 0) {
      classOf[ordinal] = fixed;
      continue;
    }
    const shape = type === object ? shapes.shapeOf(ordinal) : 0;
    const location = type === object ? (located.get(ordinal) ?? '') : '';
    if (shape === 0 && location === '') {
      const isDetached = type === native && detachedness[ordinal] === DETACHED;
      const cache = isDetached ? detachedByName : byName;
      const nameIndex = nodeName[ordinal];
      if (cache[nameIndex] < 0) cache[nameIndex] = classId(shortenTagName(isDetached ? `Detached ${strings[nameIndex]}` : strings[nameIndex]), '');
      classOf[ordinal] = cache[nameIndex];
      continue;
    }
    const name = shape > 0 ? shapes.names[shape - 1] : shortenTagName(strings[nodeName[ordinal]]);
    classOf[ordinal] = classId(name, location);
  }
  return { classOf, names, locations };
}
