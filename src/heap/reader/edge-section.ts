// The `edges` section: records of meta.edge_fields stored into edge columns, `to_node` turned into a node ordinal.
import type { SnapshotLayout } from '../layout.js';
import { badInput } from './bytes.js';
import type { ScannerKind } from './number-scanner.js';
import { RecordSectionReader } from './record-section.js';

/** The edge columns, indexed by edge ordinal. */
export interface EdgeColumns {
  edgeType: Uint8Array;
  /** A `strings` index for named edges, the element index for `element` and `hidden` edges. */
  edgeNameOrIndex: Uint32Array;
  /** Target node ORDINAL (the file stores node index = ordinal × field count; the reader divides). */
  edgeTarget: Uint32Array;
}

export function allocateEdgeColumns(edgeCount: number): EdgeColumns {
  return { edgeType: new Uint8Array(edgeCount), edgeNameOrIndex: new Uint32Array(edgeCount), edgeTarget: new Uint32Array(edgeCount) };
}

/** Largest value a Uint32 column holds; bigger names are corrupt, not truncatable. */
const MAX_UINT32 = 0xffff_ffff;

export class EdgeSectionReader extends RecordSectionReader {
  readonly #columns: EdgeColumns;
  readonly #typeOffset: number;
  readonly #nameOffset: number;
  readonly #toNodeOffset: number;
  readonly #typeLimit: number;
  readonly #nodeFieldCount: number;
  readonly #nodeCount: number;
  /** `element` and `hidden` edges carry an index, not a string index (-1 when the type is not declared). */
  readonly #elementType: number;
  readonly #hiddenType: number;
  /** Largest string index named by an edge: finish() checks it instead of re-walking every edge. */
  maxNameIndex = 0;

  constructor(file: string, layout: SnapshotLayout, columns: EdgeColumns, scanner?: ScannerKind) {
    super(file, 'edges', layout.edgeFieldCount, layout.edgeCount, scanner);
    this.#columns = columns;
    this.#typeOffset = layout.edgeTypeOffset;
    this.#nameOffset = layout.edgeNameOffset;
    this.#toNodeOffset = layout.edgeToNodeOffset;
    this.#typeLimit = layout.edgeTypes.length;
    this.#nodeFieldCount = layout.nodeFieldCount;
    this.#nodeCount = layout.nodeCount;
    this.#elementType = layout.edgeTypes.indexOf('element');
    this.#hiddenType = layout.edgeTypes.indexOf('hidden');
    this.records?.configureEdges({ fields: this.fieldCount, type: this.#typeOffset, name: this.#nameOffset, toNode: this.#toNodeOffset, typeLimit: this.#typeLimit, nodeFields: this.#nodeFieldCount, nodeCount: this.#nodeCount, elementType: this.#elementType, hiddenType: this.#hiddenType });
  }

  /**
   * A reader of stretches cut out of the section's middle (edge-split.ts), storing each from ordinal 0 of
   * `columns` (as many records as they hold); the largest name index accumulates over all of them.
   */
  static forFragments(file: string, layout: SnapshotLayout, columns: EdgeColumns, scanner?: ScannerKind): EdgeSectionReader {
    const reader = new EdgeSectionReader(file, { ...layout, edgeCount: columns.edgeTarget.length }, columns, scanner);
    reader.readFragments();
    return reader;
  }

  protected commitRows(values: Float64Array, rowCount: number, firstOrdinal: number, offset: number): void {
    const records = this.records;
    if (records) {
      records.maxName = this.maxNameIndex;
      // An invalid record: the JS loop below finds it and words the error.
      if (records.commitEdges(rowCount, this.#columns, firstOrdinal)) {
        this.maxNameIndex = records.maxName;
        return;
      }
    }
    const { edgeType, edgeNameOrIndex, edgeTarget } = this.#columns;
    const fieldCount = this.fieldCount;
    const typeOffset = this.#typeOffset, nameOffset = this.#nameOffset, toNodeOffset = this.#toNodeOffset;
    const typeLimit = this.#typeLimit;
    const nodeFieldCount = this.#nodeFieldCount;
    const nodeCount = this.#nodeCount;
    const elementType = this.#elementType, hiddenType = this.#hiddenType;
    let maxName = this.maxNameIndex;
    for (let row = 0, at = 0, ordinal = firstOrdinal; row < rowCount; row++, at += fieldCount, ordinal++) {
      const type = values[at + typeOffset];
      const name = values[at + nameOffset];
      const toNode = values[at + toNodeOffset];
      // The file stores node indexes (ordinal × node field count); anything else is corrupt.
      const target = toNode / nodeFieldCount;
      if (type >= typeLimit || name > MAX_UINT32 || target >= nodeCount || target !== Math.floor(target)) {
        this.#reject(type, name, toNode, offset);
      }
      edgeType[ordinal] = type;
      edgeNameOrIndex[ordinal] = name;
      edgeTarget[ordinal] = target;
      if (name > maxName && type !== elementType && type !== hiddenType) maxName = name;
    }
    this.maxNameIndex = maxName;
  }

  #reject(type: number, name: number, toNode: number, offset: number): never {
    if (type >= this.#typeLimit) badInput(this.file, offset, `edge type ${type} is not declared in meta.edge_types`);
    if (name > MAX_UINT32) badInput(this.file, offset, `edge name index ${name} is out of range`);
    return badInput(this.file, offset, `edge target ${toNode} is not a node index (node_count ${this.#nodeCount} × ${this.#nodeFieldCount} fields)`);
  }

  protected finishSection(): void {
    // Counts are checked by the record reader; edges have no other whole-section invariant.
  }
}
