// The WebAssembly kernel's record loops (wasm/scan-numbers.c): a batch of numbers into node or edge columns,
// written to staging columns in its memory and copied out with memcpy-speed `set`.
import type { EdgeColumns } from './edge-section.js';
import type { NodeColumns } from './node-section.js';

/** What the compiled module exports (scan-numbers.c). */
export interface KernelExports {
  memory: WebAssembly.Memory;
  scan(input: number, length: number, output: number, capacity: number): number;
  stopReason(): number;
  stopIndex(): number;
  maxName(): number;
  setMaxName(value: number): void;
  edgeSum(): number;
  setEdgeSum(value: number): void;
  commitEdges(values: number, rows: number, config: number, types: number, names: number, targets: number): number;
  commitNodes(values: number, rows: number, config: number, types: number, names: number, ids: number, sizes: number, detached: number, firstEdgeNext: number): number;
}

/** Int32 slots of the config block (the C enums E_* and N_* index it). */
const CONFIG_SLOTS = 16;
/** Staging bytes per record: the node row is the widest (f64 size, three u32, two u8), rounded up. */
const BYTES_PER_ROW = 24;

/** Edge record layout for commitEdges, in the order of the C enum E_*. */
export interface EdgeConfig {
  fields: number; type: number; name: number; toNode: number; typeLimit: number; nodeFields: number; nodeCount: number;
  elementType: number; hiddenType: number;
}

/** Node record layout for commitNodes, in the order of the C enum N_* (detachedness -1 when absent). */
export interface NodeConfig {
  fields: number; type: number; name: number; id: number; selfSize: number; edgeCount: number; detachedness: number; typeLimit: number;
}

export class RecordKernel {
  /** Records per batch the staging columns hold. */
  readonly rows: number;
  readonly #kernel: KernelExports;
  readonly #batch: number;
  readonly #config: Int32Array;
  readonly #configAt: number;
  readonly #staging: number;

  /** Memory the kernel needs after the batch for `rows` records per batch. */
  static bytesFor(rows: number): number {
    return rows > 0 ? CONFIG_SLOTS * 4 + rows * BYTES_PER_ROW : 0;
  }

  constructor(kernel: KernelExports, batch: number, at: number, rows: number) {
    this.#kernel = kernel;
    this.#batch = batch;
    this.rows = rows;
    this.#configAt = at;
    this.#config = new Int32Array(kernel.memory.buffer, at, CONFIG_SLOTS);
    this.#staging = at + CONFIG_SLOTS * 4;
  }

  get maxName(): number {
    return this.#kernel.maxName();
  }

  set maxName(value: number) {
    this.#kernel.setMaxName(value);
  }

  get edgeSum(): number {
    return this.#kernel.edgeSum();
  }

  set edgeSum(value: number) {
    this.#kernel.setEdgeSum(value);
  }

  configureEdges(config: EdgeConfig): void {
    this.#config.set([config.fields, config.type, config.name, config.toNode, config.typeLimit, config.nodeFields, config.nodeCount, config.elementType, config.hiddenType]);
  }

  configureNodes(config: NodeConfig): void {
    this.#config.set([config.fields, config.type, config.name, config.id, config.selfSize, config.edgeCount, config.detachedness, config.typeLimit]);
  }

  /** Stores `rows` edge records of the batch at `firstOrdinal`; false (nothing stored) when one is invalid. */
  commitEdges(rows: number, columns: EdgeColumns, firstOrdinal: number): boolean {
    const buffer = this.#kernel.memory.buffer;
    const names = this.#staging, targets = names + 4 * rows, types = targets + 4 * rows;
    if (this.#kernel.commitEdges(this.#batch, rows, this.#configAt, types, names, targets) !== 0) return false;
    columns.edgeNameOrIndex.set(new Uint32Array(buffer, names, rows), firstOrdinal);
    columns.edgeTarget.set(new Uint32Array(buffer, targets, rows), firstOrdinal);
    columns.edgeType.set(new Uint8Array(buffer, types, rows), firstOrdinal);
    return true;
  }

  /** Stores `rows` node records of the batch at `firstOrdinal`; false (nothing stored) when a type is undeclared. */
  commitNodes(rows: number, columns: NodeColumns, firstOrdinal: number): boolean {
    const buffer = this.#kernel.memory.buffer;
    // Widest first, so every column is aligned for its element size.
    const sizes = this.#staging, names = sizes + 8 * rows, ids = names + 4 * rows, firstEdge = ids + 4 * rows;
    const types = firstEdge + 4 * rows, detached = types + rows;
    if (this.#kernel.commitNodes(this.#batch, rows, this.#configAt, types, names, ids, sizes, detached, firstEdge) !== 0) return false;
    columns.selfSize.set(new Float64Array(buffer, sizes, rows), firstOrdinal);
    columns.nodeName.set(new Uint32Array(buffer, names, rows), firstOrdinal);
    columns.nodeId.set(new Uint32Array(buffer, ids, rows), firstOrdinal);
    columns.firstEdge.set(new Uint32Array(buffer, firstEdge, rows), firstOrdinal + 1);
    columns.nodeType.set(new Uint8Array(buffer, types, rows), firstOrdinal);
    columns.detachedness.set(new Uint8Array(buffer, detached, rows), firstOrdinal);
    return true;
  }
}
