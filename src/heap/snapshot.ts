// The parsed snapshot: typed-array columns addressed by node ordinal / edge ordinal, plus flyweight accessors.
import type { SnapshotLayout } from './layout.js';
import type { EdgeColumns } from './reader/edge-section.js';
import type { NodeColumns } from './reader/node-section.js';
import type { StringTable } from './string-table.js';

/**
 * Raw columns filled by the reader. Node arrays are indexed by node ordinal (0 = root), edge arrays by edge
 * ordinal; a node's edges are `firstEdge[o] .. firstEdge[o + 1] - 1` (edges are grouped by source node).
 */
export interface SnapshotColumns extends NodeColumns, EdgeColumns {
  strings: StringTable;
  /** `locations` rows (fields per layout.locationFields) with object_index converted to a node ordinal. */
  locations: Uint32Array;
}

/** Codes of the node types the engine reasons about; -1 when a snapshot does not declare one. */
export interface NodeTypeCodes {
  hidden: number; array: number; string: number; object: number; code: number; closure: number; regexp: number;
  number: number; native: number; synthetic: number; consString: number; slicedString: number; symbol: number;
  bigint: number; objectShape: number;
}

/** Codes of the edge types; -1 when a snapshot does not declare one. */
export interface EdgeTypeCodes {
  context: number; element: number; property: number; internal: number; hidden: number; shortcut: number; weak: number;
}

/** A V8 heap snapshot held as columns. No per-node objects: ask by ordinal. */
export class HeapSnapshot {
  /** File name or stream label, used in messages. */
  readonly label: string;
  readonly layout: SnapshotLayout;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly nodeType: Uint8Array;
  readonly nodeName: Uint32Array;
  readonly nodeId: Uint32Array;
  readonly selfSize: Float64Array;
  readonly detachedness: Uint8Array;
  readonly firstEdge: Uint32Array;
  readonly edgeType: Uint8Array;
  readonly edgeNameOrIndex: Uint32Array;
  readonly edgeTarget: Uint32Array;
  readonly strings: StringTable;
  readonly locations: Uint32Array;
  readonly types: NodeTypeCodes;
  readonly edgeTypes: EdgeTypeCodes;
  /** The root is always the first node V8 writes. */
  readonly rootOrdinal = 0;
  #idIndex?: { ids: Uint32Array; ordinals: Uint32Array };

  constructor(label: string, layout: SnapshotLayout, columns: SnapshotColumns) {
    this.label = label;
    this.layout = layout;
    this.nodeCount = layout.nodeCount;
    this.edgeCount = layout.edgeCount;
    this.nodeType = columns.nodeType;
    this.nodeName = columns.nodeName;
    this.nodeId = columns.nodeId;
    this.selfSize = columns.selfSize;
    this.detachedness = columns.detachedness;
    this.firstEdge = columns.firstEdge;
    this.edgeType = columns.edgeType;
    this.edgeNameOrIndex = columns.edgeNameOrIndex;
    this.edgeTarget = columns.edgeTarget;
    this.strings = columns.strings;
    this.locations = columns.locations;
    const n = layout.nodeTypes;
    this.types = {
      hidden: n.indexOf('hidden'), array: n.indexOf('array'), string: n.indexOf('string'), object: n.indexOf('object'),
      code: n.indexOf('code'), closure: n.indexOf('closure'), regexp: n.indexOf('regexp'), number: n.indexOf('number'),
      native: n.indexOf('native'), synthetic: n.indexOf('synthetic'), consString: n.indexOf('concatenated string'),
      slicedString: n.indexOf('sliced string'), symbol: n.indexOf('symbol'), bigint: n.indexOf('bigint'),
      objectShape: n.indexOf('object shape'),
    };
    const e = layout.edgeTypes;
    this.edgeTypes = {
      context: e.indexOf('context'), element: e.indexOf('element'), property: e.indexOf('property'),
      internal: e.indexOf('internal'), hidden: e.indexOf('hidden'), shortcut: e.indexOf('shortcut'), weak: e.indexOf('weak'),
    };
  }

  /** Total of all self sizes as written by V8 (equals the root's retained size). */
  totalSize(): number {
    const sizes = this.selfSize;
    let total = 0;
    for (let i = 0; i < sizes.length; i++) total += sizes[i];
    return total;
  }

  /** The node's type name (`object`, `closure`, `string`, …). */
  nodeTypeName(ordinal: number): string {
    return this.layout.nodeTypes[this.nodeType[ordinal]] ?? 'unknown';
  }

  /** The node's raw name: constructor name for objects, the value for strings, the function name for closures. */
  nodeNameOf(ordinal: number): string {
    return this.strings.get(this.nodeName[ordinal]) ?? '';
  }

  edgeTypeName(edge: number): string {
    return this.layout.edgeTypes[this.edgeType[edge]] ?? 'unknown';
  }

  /** Whether the edge's name_or_index is a string index (all types except `element` and `hidden`). */
  edgeHasStringName(edge: number): boolean {
    const type = this.edgeType[edge];
    return type !== this.edgeTypes.element && type !== this.edgeTypes.hidden;
  }

  /** The edge's name: the property/variable/slot name, or the element index as a decimal string. */
  edgeName(edge: number): string {
    const value = this.edgeNameOrIndex[edge];
    return this.edgeHasStringName(edge) ? (this.strings.get(value) ?? '') : String(value);
  }

  /** Ordinal of the node with this snapshot id, or -1. Builds a sorted id index on first use (8 bytes per node). */
  ordinalOfId(id: number): number {
    const index = (this.#idIndex ??= buildIdIndex(this.nodeId));
    const { ids, ordinals } = index;
    let low = 0;
    let high = ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = ids[middle];
      if (value === id) return ordinals[middle];
      if (value < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

function buildIdIndex(nodeId: Uint32Array): { ids: Uint32Array; ordinals: Uint32Array } {
  const ordinals = new Uint32Array(nodeId.length);
  for (let i = 0; i < ordinals.length; i++) ordinals[i] = i;
  // V8 writes ids almost sorted; a typed-array sort by id keeps this O(n log n) without per-node objects.
  ordinals.sort((a, b) => nodeId[a] - nodeId[b]);
  const ids = new Uint32Array(nodeId.length);
  for (let i = 0; i < ids.length; i++) ids[i] = nodeId[ordinals[i]];
  return { ids, ordinals };
}
