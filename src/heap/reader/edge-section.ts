// Parses the `edges` array straight into edge columns, turning `to_node` node indexes into node ordinals.
import type { SnapshotLayout } from '../layout.js';
import { BYTE, badInput, describeByte, isWhitespace, type SectionReader } from './bytes.js';
import { openArray } from './number-list.js';

const enum FieldKind { ignore, type, nameOrIndex, toNode }

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

export class EdgeSectionReader implements SectionReader {
  done = false;
  #opened = false;
  #value = 0;
  #inNumber = false;
  #field = 0;
  #ordinal = 0;
  readonly #kinds: Uint8Array;
  readonly #file: string;
  readonly #layout: SnapshotLayout;
  readonly #columns: EdgeColumns;

  constructor(file: string, layout: SnapshotLayout, columns: EdgeColumns) {
    this.#file = file;
    this.#layout = layout;
    this.#columns = columns;
    this.#kinds = new Uint8Array(layout.edgeFieldCount);
    const kindByName: Record<string, FieldKind> = { type: FieldKind.type, name_or_index: FieldKind.nameOrIndex, to_node: FieldKind.toNode };
    layout.edgeFields.forEach((name, index) => (this.#kinds[index] = kindByName[name] ?? FieldKind.ignore));
  }

  consume(bytes: Buffer, start: number, end: number, base: number): number {
    let i = start;
    if (!this.#opened) {
      i = openArray(bytes, i, end, base, this.#file, 'edges');
      if (i < 0) return end;
      this.#opened = true;
    }
    const { edgeType, edgeNameOrIndex, edgeTarget } = this.#columns;
    const kinds = this.#kinds;
    const fieldCount = kinds.length;
    const edgeCount = this.#layout.edgeCount;
    const nodeFieldCount = this.#layout.nodeFieldCount;
    const nodeIndexLimit = this.#layout.nodeCount * nodeFieldCount;
    const typeLimit = this.#layout.edgeTypes.length;
    let value = this.#value;
    let inNumber = this.#inNumber;
    let field = this.#field;
    let ordinal = this.#ordinal;
    for (; i < end; i++) {
      const byte = bytes[i];
      if (byte >= BYTE.zero && byte <= BYTE.nine) {
        value = value * 10 + (byte - BYTE.zero);
        inNumber = true;
        continue;
      }
      if (inNumber) {
        if (ordinal >= edgeCount) badInput(this.#file, base + i, `"edges" holds more than edge_count (${edgeCount}) edges`);
        switch (kinds[field]) {
          case FieldKind.type:
            if (value >= typeLimit) badInput(this.#file, base + i, `edge type ${value} is not declared in meta.edge_types`);
            edgeType[ordinal] = value;
            break;
          case FieldKind.nameOrIndex:
            if (value > 0xffff_ffff) badInput(this.#file, base + i, `edge name index ${value} is out of range`);
            edgeNameOrIndex[ordinal] = value;
            break;
          case FieldKind.toNode:
            // The file stores node indexes (ordinal × node field count); anything else is corrupt.
            if (value >= nodeIndexLimit || value % nodeFieldCount !== 0) {
              badInput(this.#file, base + i, `edge target ${value} is not a node index (node_count ${this.#layout.nodeCount} × ${nodeFieldCount} fields)`);
            }
            edgeTarget[ordinal] = value / nodeFieldCount;
            break;
        }
        value = 0;
        inNumber = false;
        if (++field === fieldCount) {
          field = 0;
          ordinal++;
        }
      }
      if (byte === BYTE.comma || isWhitespace(byte)) continue;
      if (byte === BYTE.closeBracket) {
        if (field !== 0 || ordinal !== edgeCount) {
          badInput(this.#file, base + i, `"edges" holds ${ordinal * fieldCount + field} values, the header promises ${edgeCount} × ${fieldCount}`);
        }
        this.done = true;
        i++;
        break;
      }
      badInput(this.#file, base + i, `bad number in "edges": unexpected ${describeByte(byte)}`);
    }
    this.#value = value;
    this.#inNumber = inNumber;
    this.#field = field;
    this.#ordinal = ordinal;
    return i;
  }
}
