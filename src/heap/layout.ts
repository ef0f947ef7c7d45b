// The snapshot header (`snapshot.meta` + counts), validated into field offsets and type codes looked up by name.
import { InputError } from '../errors.js';

/** Field offsets and type codes of one snapshot, all taken from its `meta` by name (never hard-coded). */
export interface SnapshotLayout {
  /** Names of the node fields in file order (6 on Node 24, 7 on Node 18–22). */
  readonly nodeFields: readonly string[];
  readonly nodeFieldCount: number;
  readonly nodeTypeOffset: number;
  readonly nodeNameOffset: number;
  readonly nodeIdOffset: number;
  readonly nodeSelfSizeOffset: number;
  readonly nodeEdgeCountOffset: number;
  /** -1 when the snapshot has no `detachedness` field. */
  readonly nodeDetachednessOffset: number;
  /** Node type names by code: `hidden`, `array`, `string`, `object`, … */
  readonly nodeTypes: readonly string[];
  readonly edgeFields: readonly string[];
  readonly edgeFieldCount: number;
  readonly edgeTypeOffset: number;
  readonly edgeNameOffset: number;
  readonly edgeToNodeOffset: number;
  /** Edge type names by code: `context`, `element`, `property`, `internal`, `hidden`, `shortcut`, `weak`. */
  readonly edgeTypes: readonly string[];
  /** Fields of one `locations` row; empty when the snapshot has none. */
  readonly locationFields: readonly string[];
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Native memory V8 reports outside the graph (`extra_native_bytes`, newer V8); 0 when absent. */
  readonly extraNativeBytes: number;
}

/** The biggest count a Uint32 ordinal can address; beyond it our typed-array layout does not apply. */
const MAX_ORDINAL_COUNT = 0xffff_fffe;

function fail(file: string, offset: number, message: string): never {
  throw new InputError(message, { file, offset });
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

function requiredOffset(fields: string[], name: string, what: string, file: string, offset: number): number {
  const index = fields.indexOf(name);
  if (index < 0) fail(file, offset, `not a V8 heap snapshot: ${what} has no "${name}" field`);
  return index;
}

function count(value: unknown, name: string, file: string, offset: number): number {
  // V8 may write a count as a double ("123.0" or 1.23e7); any finite non-negative integer value is fine.
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) fail(file, offset, `not a V8 heap snapshot: "${name}" is not a count`);
  if (number > MAX_ORDINAL_COUNT) fail(file, offset, `"${name}" of ${number} is beyond what pooldoc can address`);
  return number;
}

/**
 * Validates the parsed `snapshot` object of a file and derives its layout.
 * `offset` is the byte offset of the header, used in error messages.
 */
export function layoutFromHeader(header: unknown, file: string, offset: number): SnapshotLayout {
  if (typeof header !== 'object' || header === null) fail(file, offset, 'not a V8 heap snapshot: "snapshot" is not an object');
  const { meta, node_count: nodeCountValue, edge_count: edgeCountValue, extra_native_bytes: extraNative } = header as Record<string, unknown>;
  if (typeof meta !== 'object' || meta === null) fail(file, offset, 'not a V8 heap snapshot: no "snapshot.meta"');
  const m = meta as Record<string, unknown>;
  const nodeFields = stringList(m.node_fields);
  const edgeFields = stringList(m.edge_fields);
  if (!nodeFields || !edgeFields) fail(file, offset, 'not a V8 heap snapshot: meta lacks node_fields/edge_fields');
  const nodeTypeOffset = requiredOffset(nodeFields, 'type', 'node_fields', file, offset);
  const edgeTypeOffset = requiredOffset(edgeFields, 'type', 'edge_fields', file, offset);
  const nodeTypes = Array.isArray(m.node_types) ? stringList(m.node_types[nodeTypeOffset]) : undefined;
  const edgeTypes = Array.isArray(m.edge_types) ? stringList(m.edge_types[edgeTypeOffset]) : undefined;
  if (!nodeTypes || !edgeTypes) fail(file, offset, 'not a V8 heap snapshot: meta lacks node_types/edge_types');
  // Type codes are stored in a Uint8Array column.
  if (nodeTypes.length > 255 || edgeTypes.length > 255) fail(file, offset, 'snapshot declares more than 255 node or edge types');
  return {
    nodeFields,
    nodeFieldCount: nodeFields.length,
    nodeTypeOffset,
    nodeNameOffset: requiredOffset(nodeFields, 'name', 'node_fields', file, offset),
    nodeIdOffset: requiredOffset(nodeFields, 'id', 'node_fields', file, offset),
    nodeSelfSizeOffset: requiredOffset(nodeFields, 'self_size', 'node_fields', file, offset),
    nodeEdgeCountOffset: requiredOffset(nodeFields, 'edge_count', 'node_fields', file, offset),
    nodeDetachednessOffset: nodeFields.indexOf('detachedness'),
    nodeTypes,
    edgeFields,
    edgeFieldCount: edgeFields.length,
    edgeTypeOffset,
    edgeNameOffset: requiredOffset(edgeFields, 'name_or_index', 'edge_fields', file, offset),
    edgeToNodeOffset: requiredOffset(edgeFields, 'to_node', 'edge_fields', file, offset),
    edgeTypes,
    locationFields: stringList(m.location_fields) ?? [],
    nodeCount: count(nodeCountValue, 'node_count', file, offset),
    edgeCount: count(edgeCountValue, 'edge_count', file, offset),
    extraNativeBytes: typeof extraNative === 'number' && Number.isFinite(extraNative) && extraNative > 0 ? extraNative : 0,
  };
}
