// Parses the `nodes` array digit by digit straight into per-field typed-array columns (no intermediate numbers[]).
import type { SnapshotLayout } from '../layout.js';
import { BYTE, badInput, describeByte, isWhitespace, type SectionReader } from './bytes.js';
import { openArray } from './number-list.js';

/** What to do with each node field; chosen by field name from `meta.node_fields`. */
const enum FieldKind { ignore, type, name, id, selfSize, edgeCount, detachedness }

/** The node columns this reader fills (sized from the header's node_count), indexed by node ordinal. */
export interface NodeColumns {
  nodeType: Uint8Array;
  /** Index into `strings`. */
  nodeName: Uint32Array;
  nodeId: Uint32Array;
  /** Float64 because V8 writes size_t and a node can exceed 2^32 bytes. */
  selfSize: Float64Array;
  /** 0 unknown, 1 attached, 2 detached (all 0 when the snapshot has no such field). */
  detachedness: Uint8Array;
  /** Prefix sum of edge_count, length nodeCount + 1: node o's edges are firstEdge[o] .. firstEdge[o + 1] - 1. */
  firstEdge: Uint32Array;
}

export function allocateNodeColumns(nodeCount: number): NodeColumns {
  return {
    nodeType: new Uint8Array(nodeCount),
    nodeName: new Uint32Array(nodeCount),
    nodeId: new Uint32Array(nodeCount),
    selfSize: new Float64Array(nodeCount),
    detachedness: new Uint8Array(nodeCount),
    firstEdge: new Uint32Array(nodeCount + 1),
  };
}

export class NodeSectionReader implements SectionReader {
  done = false;
  #opened = false;
  #value = 0;
  #inNumber = false;
  #field = 0;
  #ordinal = 0;
  #edgeSum = 0;
  readonly #kinds: Uint8Array;
  readonly #file: string;
  readonly #layout: SnapshotLayout;
  readonly #columns: NodeColumns;

  constructor(file: string, layout: SnapshotLayout, columns: NodeColumns) {
    this.#file = file;
    this.#layout = layout;
    this.#columns = columns;
    this.#kinds = new Uint8Array(layout.nodeFieldCount);
    const kindByName: Record<string, FieldKind> = {
      type: FieldKind.type, name: FieldKind.name, id: FieldKind.id, self_size: FieldKind.selfSize,
      edge_count: FieldKind.edgeCount, detachedness: FieldKind.detachedness,
    };
    layout.nodeFields.forEach((name, index) => (this.#kinds[index] = kindByName[name] ?? FieldKind.ignore));
  }

  consume(bytes: Buffer, start: number, end: number, base: number): number {
    let i = start;
    if (!this.#opened) {
      i = openArray(bytes, i, end, base, this.#file, 'nodes');
      if (i < 0) return end;
      this.#opened = true;
    }
    // Hot loop: state preloaded into locals and written back on exit.
    const { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge } = this.#columns;
    const kinds = this.#kinds;
    const fieldCount = kinds.length;
    const nodeCount = this.#layout.nodeCount;
    const edgeCount = this.#layout.edgeCount;
    const typeLimit = this.#layout.nodeTypes.length;
    let value = this.#value;
    let inNumber = this.#inNumber;
    let field = this.#field;
    let ordinal = this.#ordinal;
    let edgeSum = this.#edgeSum;
    for (; i < end; i++) {
      const byte = bytes[i];
      if (byte >= BYTE.zero && byte <= BYTE.nine) {
        value = value * 10 + (byte - BYTE.zero);
        inNumber = true;
        continue;
      }
      if (inNumber) {
        if (ordinal >= nodeCount) badInput(this.#file, base + i, `"nodes" holds more than node_count (${nodeCount}) nodes`);
        switch (kinds[field]) {
          case FieldKind.type:
            if (value >= typeLimit) badInput(this.#file, base + i, `node type ${value} is not declared in meta.node_types`);
            nodeType[ordinal] = value;
            break;
          case FieldKind.name: nodeName[ordinal] = value; break;
          case FieldKind.id: nodeId[ordinal] = value; break;
          case FieldKind.selfSize: selfSize[ordinal] = value; break;
          case FieldKind.edgeCount:
            edgeSum += value;
            if (edgeSum > edgeCount) badInput(this.#file, base + i, `node edge counts add up to more than edge_count (${edgeCount})`);
            firstEdge[ordinal + 1] = edgeSum;
            break;
          case FieldKind.detachedness: detachedness[ordinal] = value; break;
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
        if (field !== 0 || ordinal !== nodeCount) {
          badInput(this.#file, base + i, `"nodes" holds ${ordinal * fieldCount + field} values, the header promises ${nodeCount} × ${fieldCount}`);
        }
        if (edgeSum !== edgeCount) badInput(this.#file, base + i, `node edge counts add up to ${edgeSum}, the header says edge_count ${edgeCount}`);
        this.done = true;
        i++;
        break;
      }
      badInput(this.#file, base + i, `bad number in "nodes": unexpected ${describeByte(byte)}`);
    }
    this.#value = value;
    this.#inNumber = inNumber;
    this.#field = field;
    this.#ordinal = ordinal;
    this.#edgeSum = edgeSum;
    return i;
  }
}
