// The bridge from one analysed snapshot to the diff: the narrow DiffInput window over the engine's result, and a
// sequence that feeds snapshots one at a time (from files for `diff`, live from the target for `analyze`).
import { analyzeSnapshot, type HeapAnalysis } from './analyze.js';
import { COLLECTION_KINDS } from './collections.js';
import { SnapshotSeriesTracker, type ClassComparison, type DiffInput, type SnapshotSeries } from './diff.js';
import { retainerPath } from './paths.js';
import { readSnapshotFile } from './read.js';
import type { HeapSnapshot } from './snapshot.js';
import type { ProgressSink } from '../progress.js';

/** What the diff follows in an analysed snapshot: every collection, class names, retained sizes, paths. */
export function diffInputOf(snapshot: HeapSnapshot, analysis: HeapAnalysis): DiffInput {
  const { classOf, names } = analysis.classes;
  const table = analysis.collections;
  const collections = Array.from({ length: table.length }, (_, index) => {
    const ordinal = table.ordinals[index];
    return { id: snapshot.nodeId[ordinal], kind: COLLECTION_KINDS[table.kinds[index]], name: names[classOf[ordinal]], entries: table.entries[index], retainedSize: analysis.retainedSize[ordinal] };
  });
  return { snapshot, retainedSize: analysis.retainedSize, className: (ordinal) => names[classOf[ordinal]], collections, path: (ordinal) => retainerPath(analysis, ordinal).text };
}

/** Reads and analyses one snapshot file for the diff. */
export async function readDiffInput(file: string, progress?: ProgressSink): Promise<DiffInput> {
  const snapshot = await readSnapshotFile(file, { progress });
  return diffInputOf(snapshot, analyzeSnapshot(snapshot, { progress }));
}

export interface SnapshotSequenceResult {
  /** Node count and total (root-retained) size per snapshot, in order. */
  nodeCount: number[];
  totalSize: number[];
  classes: ClassComparison[];
  collections: SnapshotSeries[];
  objects: SnapshotSeries[];
}

/**
 * Snapshots of one process in time order. Only the tracker's compact digests are kept: the caller holds the
 * latest input (and may let it go before reading the next), so memory stays at one analysed snapshot.
 */
export class SnapshotSequence {
  readonly #tracker = new SnapshotSeriesTracker();
  readonly #nodeCount: number[] = [];
  readonly #totalSize: number[] = [];

  get count(): number {
    return this.#tracker.count;
  }

  add(input: DiffInput): void {
    this.#nodeCount.push(input.snapshot.nodeCount);
    this.#totalSize.push(input.retainedSize[input.snapshot.rootOrdinal]);
    this.#tracker.add(input);
  }

  /** `last`: the input added last, still analysed (paths come from it); `objectLimit` bounds the objects returned. */
  finish(last: DiffInput, objectLimit: number): SnapshotSequenceResult {
    return { nodeCount: this.#nodeCount, totalSize: this.#totalSize, ...this.#tracker.finish(last, objectLimit) };
  }
}
