// The `nodes` section: records of meta.node_fields stored into per-field typed-array columns by node ordinal.
import type { SnapshotLayout } from '../layout.js';
import { badInput } from './bytes.js';
import type { ScannerKind } from './number-scanner.js';
import { RecordSectionReader } from './record-section.js';

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

/**
 * In SharedArrayBuffers: the analysis's helper thread (analysis/helper-thread.ts) reads them (and rewrites
 * selfSize) without a copy. Same speed and memory as ArrayBuffers; they are never handed to ScratchMemory (they
 * live as long as the snapshot).
 */
export function allocateNodeColumns(nodeCount: number): NodeColumns {
  const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
  return {
    nodeType: new Uint8Array(shared(nodeCount)),
    nodeName: new Uint32Array(shared(nodeCount * 4)),
    nodeId: new Uint32Array(shared(nodeCount * 4)),
    selfSize: new Float64Array(shared(nodeCount * 8)),
    detachedness: new Uint8Array(shared(nodeCount)),
    firstEdge: new Uint32Array(shared((nodeCount + 1) * 4)),
  };
}

export class NodeSectionReader extends RecordSectionReader {
  readonly #columns: NodeColumns;
  readonly #typeOffset: number;
  readonly #nameOffset: number;
  readonly #idOffset: number;
  readonly #selfSizeOffset: number;
  readonly #edgeCountOffset: number;
  /** -1 when absent: the row then has no such field and the column stays 0. */
  readonly #detachednessOffset: number;
  readonly #typeLimit: number;
  readonly #edgeCount: number;
  #edgeSum = 0;
  /** Largest name (string index) seen: finish() checks it against the string table instead of re-walking every node. */
  maxNameIndex = 0;

  constructor(file: string, layout: SnapshotLayout, columns: NodeColumns, scanner?: ScannerKind) {
    super(file, 'nodes', layout.nodeFieldCount, layout.nodeCount, scanner);
    this.#columns = columns;
    this.#typeOffset = layout.nodeTypeOffset;
    this.#nameOffset = layout.nodeNameOffset;
    this.#idOffset = layout.nodeIdOffset;
    this.#selfSizeOffset = layout.nodeSelfSizeOffset;
    this.#edgeCountOffset = layout.nodeEdgeCountOffset;
    this.#detachednessOffset = layout.nodeDetachednessOffset;
    this.#typeLimit = layout.nodeTypes.length;
    this.#edgeCount = layout.edgeCount;
    this.records?.configureNodes({ fields: this.fieldCount, type: this.#typeOffset, name: this.#nameOffset, id: this.#idOffset, selfSize: this.#selfSizeOffset, edgeCount: this.#edgeCountOffset, detachedness: this.#detachednessOffset, typeLimit: this.#typeLimit });
  }

  protected commitRows(values: Float64Array, rowCount: number, firstOrdinal: number, offset: number): void {
    const records = this.records;
    if (records) {
      records.maxName = this.maxNameIndex;
      records.edgeSum = this.#edgeSum;
      // An undeclared type: the JS loop below finds it and words the error.
      if (records.commitNodes(rowCount, this.#columns, firstOrdinal)) {
        this.maxNameIndex = records.maxName;
        this.#edgeSum = records.edgeSum;
        if (this.#edgeSum > this.#edgeCount) badInput(this.file, offset, `node edge counts add up to more than edge_count (${this.#edgeCount})`);
        return;
      }
    }
    const { nodeType, nodeName, nodeId, selfSize, detachedness, firstEdge } = this.#columns;
    const fieldCount = this.fieldCount;
    const typeOffset = this.#typeOffset, nameOffset = this.#nameOffset, idOffset = this.#idOffset;
    const selfSizeOffset = this.#selfSizeOffset, edgeCountOffset = this.#edgeCountOffset, detachednessOffset = this.#detachednessOffset;
    const typeLimit = this.#typeLimit;
    let edgeSum = this.#edgeSum;
    let maxName = this.maxNameIndex;
    for (let row = 0, at = 0, ordinal = firstOrdinal; row < rowCount; row++, at += fieldCount, ordinal++) {
      const type = values[at + typeOffset];
      if (type >= typeLimit) badInput(this.file, offset, `node type ${type} is not declared in meta.node_types`);
      nodeType[ordinal] = type;
      const name = values[at + nameOffset];
      if (name > maxName) maxName = name;
      nodeName[ordinal] = name;
      nodeId[ordinal] = values[at + idOffset];
      selfSize[ordinal] = values[at + selfSizeOffset];
      if (detachednessOffset >= 0) detachedness[ordinal] = values[at + detachednessOffset];
      edgeSum += values[at + edgeCountOffset];
      firstEdge[ordinal + 1] = edgeSum;
    }
    if (edgeSum > this.#edgeCount) badInput(this.file, offset, `node edge counts add up to more than edge_count (${this.#edgeCount})`);
    this.#edgeSum = edgeSum;
    this.maxNameIndex = maxName;
  }

  protected finishSection(offset: number): void {
    if (this.#edgeSum !== this.#edgeCount) badInput(this.file, offset, `node edge counts add up to ${this.#edgeSum}, the header says edge_count ${this.#edgeCount}`);
  }
}
