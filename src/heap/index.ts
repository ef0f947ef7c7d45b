// Public API of the heap snapshot engine: read → analyze → summaries. Nothing here prints; everything returns data.

/** Read a snapshot from a file, a chunk stream (e.g. CDP addHeapSnapshotChunk strings) or memory. */
export { readSnapshotFile, readSnapshotStream, parseSnapshot, READ_PHASE, PARALLEL_EDGES_FROM, type EdgeWorkerMode, type ReadOptions, type StreamReadOptions } from './read.js';
/** Push parser for callers that feed bytes themselves; `finish()` validates and returns the snapshot. */
export { SnapshotParser } from './reader/snapshot-parser.js';
/** The parsed snapshot: typed-array columns by node/edge ordinal, plus name/type accessors. */
export { HeapSnapshot, type SnapshotColumns, type NodeTypeCodes, type EdgeTypeCodes } from './snapshot.js';
/** The snapshot's strings: one UTF-8 byte block + offsets, JS strings made on demand. */
export { StringTable, StringTableBuilder } from './string-table.js';
/** Working memory handed from one analysis phase to the next (`analysis.scratch`). */
export { ScratchMemory } from './analysis/scratch.js';
/** Field offsets and type names taken from `snapshot.meta`. */
export type { SnapshotLayout } from './layout.js';
/** Dominators and retained sizes by Chrome DevTools' rules; lazy distances, classes and retainers. */
export { analyzeSnapshot, HeapAnalysis, type AnalyzeOptions, type PhaseTimings } from './analyze.js';
/** DevTools' distance constants and the BFS result (distance + parent edge per node). */
export { NO_DISTANCE, BASE_SYSTEM_DISTANCE, type Distances } from './analysis/distances.js';
/** DevTools' class of each node (Summary "Constructor"). */
export type { NodeClasses } from './analysis/class-names.js';
/** Reverse adjacency and the source node of an edge. */
export { edgeSource, type Retainers } from './graph/retainers.js';
/** Shortest retainer path from the GC roots, e.g. `global.__mgr.queryCache`. */
export { retainerPath, type RetainerPath, type PathStep } from './paths.js';
/** Summary rows per class with DevTools' class retained rule. */
export { classSummary, type ClassSummary, type ClassSummaryOptions } from './classes.js';
/** Totals, largest objects, top-N helper and per-node info. */
export { totals, largestObjects, nodeInfo, topOrdinals, type Totals, type NodeInfo, type LargestObject, type LargestObjectsOptions } from './summary.js';
/** Maps, Sets, WeakMaps, arrays and dictionary-like objects with entry counts. */
export {
  findCollections, describeCollection, largestCollections, hashTableEntries, COLLECTION_KINDS, DICTIONARY_MIN_PROPERTIES,
  type Collection, type CollectionKind, type CollectionTable, type LargestCollectionsOptions,
} from './collections.js';
/** DevTools' Statistics categories (plus typed arrays). */
export { heapStatistics, type HeapStatistics } from './statistics.js';
/** One node in depth: retainers and dominated children. */
export { nodeDetail, type NodeDetail, type NodeDetailOptions, type RetainerInfo } from './node-detail.js';
/** Snapshots of one process followed by id: DevTools' Comparison and per-snapshot series for growth verdicts. */
export { SnapshotSeriesTracker, type DiffInput, type DiffCollection, type ClassComparison, type SnapshotSeries } from './diff.js';
export { diffInputOf, readDiffInput, SnapshotSequence, type SnapshotSequenceResult } from './diff-input.js';
