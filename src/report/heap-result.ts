// The JSON contracts of `pooldoc heap` and `pooldoc diff` (what --json prints), as zod schemas with their types.
import { z } from 'zod';

/** A node as lists show it: snapshot id, DevTools-style name, V8 node type, sizes in bytes. */
const nodeRef = {
  id: z.number().int().nonnegative(),
  name: z.string(),
  type: z.string(),
  shallowSize: z.number().nonnegative(),
  retainedSize: z.number().nonnegative(),
};

export const classRowSchema = z.object({
  name: z.string(),
  count: z.number().int().nonnegative(),
  shallowSize: z.number().nonnegative(),
  /** DevTools' class retained size: instances dominated by another instance of the class are not counted twice. */
  retainedSize: z.number().nonnegative(),
});

export const largestObjectSchema = z.object({ ...nodeRef, path: z.string() });

export const collectionSchema = z.object({
  id: z.number().int().nonnegative(),
  /** `Map`, `Set`, `WeakMap`, `WeakSet`, `Array` or `Object` (an object used as a dictionary). */
  kind: z.string(),
  name: z.string(),
  /** Lower bound: entries whose key and value are both small integers are invisible in a snapshot. */
  entries: z.number().int().nonnegative(),
  retainedSize: z.number().nonnegative(),
  path: z.string(),
});

/** DevTools Statistics: bytes by category (`total`, `v8heap`, `native`, `code`, `strings`, `jsArrays`, `typedArrays`, `system`, `other`); `typedArrays` overlaps `native`. */
export const statisticsSchema = z.record(z.string(), z.number().nonnegative());

export const retainerSchema = z.object({ ...nodeRef, edge: z.string(), edgeType: z.string() });

export const nodeDetailSchema = z.object({
  ...nodeRef,
  path: z.string(),
  /** Objects holding a reference to this node (weak ones included, marked by edgeType). */
  retainers: z.array(retainerSchema),
  /** Biggest children in the dominator tree: what would be freed with this node. */
  dominated: z.array(z.object(nodeRef)),
});

const snapshotTotals = {
  file: z.string(),
  nodeCount: z.number().int().nonnegative(),
  edgeCount: z.number().int().nonnegative(),
  /** Sum of all shallow sizes (= the root's retained size). */
  totalSize: z.number().nonnegative(),
};

/** A pool instance found in the heap (src/pools/runtime/heap-attribution.ts): what it keeps alive. */
export const poolRowSchema = z.object({
  library: z.string(),
  className: z.string(),
  id: z.number().int().nonnegative(),
  retainedSize: z.number().nonnegative(),
  /** Connection objects the pool holds, checked out or idle (by the library's connection class names). */
  connections: z.number().int().nonnegative(),
  path: z.string(),
});

export const heapSummarySchema = z.object({
  ...snapshotTotals,
  classes: z.array(classRowSchema),
  largestObjects: z.array(largestObjectSchema),
  collections: z.array(collectionSchema),
  pools: z.array(poolRowSchema),
  statistics: statisticsSchema,
});

export const heapNodeSchema = z.object({ ...snapshotTotals, node: nodeDetailSchema });

export const heapResultSchema = z.union([heapSummarySchema, heapNodeSchema]);

export type ClassRow = z.infer<typeof classRowSchema>;
export type LargestObject = z.infer<typeof largestObjectSchema>;
export type CollectionRow = z.infer<typeof collectionSchema>;
export type NodeDetail = z.infer<typeof nodeDetailSchema>;
export type HeapSummaryResult = z.infer<typeof heapSummarySchema>;
export type HeapNodeResult = z.infer<typeof heapNodeSchema>;
export type HeapResult = z.infer<typeof heapResultSchema>;

const verdictSchema = z.enum(['leak', 'growing', 'ok', 'insufficient-data']);

export const classDeltaSchema = z.object({
  name: z.string(),
  /** Objects of the class in the last snapshot that were not in the first (by id), and the reverse. */
  newCount: z.number().int().nonnegative(),
  deletedCount: z.number().int().nonnegative(),
  countDelta: z.number().int(),
  /** Shallow bytes of new minus deleted objects, as DevTools' Comparison "Size Delta". */
  sizeDelta: z.number(),
  allocatedSize: z.number().nonnegative(),
  freedSize: z.number().nonnegative(),
});

export const growingSchema = z.object({
  id: z.number().int().nonnegative(),
  kind: z.string(),
  name: z.string(),
  path: z.string(),
  entries: z.array(z.number().int().nonnegative()),
  retainedSize: z.array(z.number().nonnegative()),
  measure: z.enum(['entries', 'retainedSize']),
  growth: z.number(),
  monotonic: z.boolean(),
  perSnapshot: z.number(),
  perSecond: z.number().optional(),
  verdict: verdictSchema,
  reason: z.string(),
});

export const diffResultSchema = z.object({
  files: z.array(z.string()).min(2),
  /** Seconds since the first snapshot, when known (from --interval or increasing file times). */
  times: z.array(z.number()).optional(),
  timesFrom: z.enum(['interval', 'file-mtime', 'unknown']),
  nodeCount: z.array(z.number().int().nonnegative()),
  totalSize: z.array(z.number().nonnegative()),
  verdict: verdictSchema,
  classes: z.array(classDeltaSchema),
  growing: z.array(growingSchema),
});

export type ClassDelta = z.infer<typeof classDeltaSchema>;
export type GrowingRow = z.infer<typeof growingSchema>;
export type DiffResult = z.infer<typeof diffResultSchema>;
