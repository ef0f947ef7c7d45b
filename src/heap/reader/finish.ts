// Final consistency checks once every section is read (string indexes in range), then the HeapSnapshot itself.
import type { SnapshotLayout } from '../layout.js';
import { HeapSnapshot, type SnapshotColumns } from '../snapshot.js';
import { InputError } from '../../errors.js';

/**
 * Converts `locations` object_index (a node index) to a node ordinal, in place (the reader made the array for the
 * snapshot, in shared memory: the summary thread reads it); drops the section if it is inconsistent.
 */
function locationsByOrdinal(layout: SnapshotLayout, rows: Uint32Array): Uint32Array {
  const width = layout.locationFields.length;
  const objectOffset = layout.locationFields.indexOf('object_index');
  // Locations are optional extras (source positions of closures): a malformed section is dropped, not fatal.
  if (width === 0 || objectOffset < 0 || rows.length % width !== 0) return new Uint32Array(0);
  const fields = layout.nodeFieldCount;
  const limit = layout.nodeCount * fields;
  for (let i = objectOffset; i < rows.length; i += width) {
    if (rows[i] >= limit || rows[i] % fields !== 0) return new Uint32Array(0);
    rows[i] /= fields;
  }
  return rows;
}

/**
 * `maxNameIndex` is the largest string index the section readers saw: when it is in range (the normal case) the
 * per-node and per-edge walks below, which only exist to name the first bad record, are skipped.
 */
export function finishSnapshot(file: string, layout: SnapshotLayout, columns: SnapshotColumns, maxNameIndex = Infinity): HeapSnapshot {
  const stringCount = columns.strings.length;
  if (maxNameIndex < stringCount) return new HeapSnapshot(file, layout, { ...columns, locations: locationsByOrdinal(layout, columns.locations) });
  const { nodeName, edgeType, edgeNameOrIndex } = columns;
  for (let ordinal = 0; ordinal < nodeName.length; ordinal++) {
    if (nodeName[ordinal] >= stringCount) {
      throw new InputError(`node #${ordinal} names string ${nodeName[ordinal]}, but "strings" has only ${stringCount} entries`, { file });
    }
  }
  // element and hidden edges carry an index, every other type a string index.
  const elementType = layout.edgeTypes.indexOf('element');
  const hiddenType = layout.edgeTypes.indexOf('hidden');
  for (let edge = 0; edge < edgeType.length; edge++) {
    const type = edgeType[edge];
    if (type !== elementType && type !== hiddenType && edgeNameOrIndex[edge] >= stringCount) {
      throw new InputError(`edge #${edge} names string ${edgeNameOrIndex[edge]}, but "strings" has only ${stringCount} entries`, { file });
    }
  }
  return new HeapSnapshot(file, layout, { ...columns, locations: locationsByOrdinal(layout, columns.locations) });
}
