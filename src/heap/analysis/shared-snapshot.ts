// A snapshot as another thread receives it: every column over shared memory, so posting it copies nothing.
import type { SnapshotLayout } from '../layout.js';
import { HeapSnapshot } from '../snapshot.js';
import { StringTable } from '../string-table.js';

export interface SharedSnapshotParts {
  label: string;
  layout: SnapshotLayout;
  columns: {
    nodeType: Uint8Array; nodeName: Uint32Array; nodeId: Uint32Array; selfSize: Float64Array; detachedness: Uint8Array;
    firstEdge: Uint32Array; edgeType: Uint8Array; edgeNameOrIndex: Uint32Array; edgeTarget: Uint32Array; locations: Uint32Array;
  };
  strings: { bytes: Uint8Array; offsets: Uint32Array; length: number; unpaired: [number, string][] };
}

export function isShared(array: ArrayBufferView): boolean {
  return array.buffer instanceof SharedArrayBuffer;
}

/**
 * The parts of `snapshot` a worker needs, or undefined when a column is not shared (the reader's node columns,
 * string table and locations always are; the edge columns when its edge thread ran). An empty column (no
 * `locations`) is copied, which costs nothing.
 */
export function shareSnapshot(snapshot: HeapSnapshot): SharedSnapshotParts | undefined {
  const { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget, locations } = snapshot;
  const columns = { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge, edgeType, edgeNameOrIndex, edgeTarget, locations };
  const { bytes, offsets, unpaired } = snapshot.strings.raw;
  const shared = [...Object.values(columns), bytes, offsets].every((array) => array.byteLength === 0 || isShared(array));
  if (!shared) return undefined;
  return {
    label: snapshot.label,
    layout: snapshot.layout,
    columns,
    strings: { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), offsets, length: snapshot.strings.length, unpaired: [...unpaired] },
  };
}

/** The worker's HeapSnapshot over the posted parts. */
export function snapshotFromShared(parts: SharedSnapshotParts): HeapSnapshot {
  const { bytes, offsets, length, unpaired } = parts.strings;
  const strings = new StringTable(bytes, offsets, length, new Map(unpaired));
  return new HeapSnapshot(parts.label, parts.layout, { ...parts.columns, strings });
}
