// The verdict over a sequence of heap snapshots: growing collections (by entries) and objects (by retained
// size) ranked most concerning first, and whether any of them is a leak. Shared by `diff` and `analyze --snapshots`.
import type { Verdict } from '../findings.js';
import type { ClassComparison, SnapshotSeries } from '../heap/diff.js';
import { collectionGrowth, objectGrowth, overallGrowthVerdict, type GrowthResult } from './collection-growth.js';

/** Objects are followed in bulk, but only this many times `top` get a retainer path (one BFS walk each). */
export const OBJECT_CANDIDATES_PER_ROW = 4;

export interface SnapshotGrowthInput {
  snapshotCount: number;
  classes: readonly ClassComparison[];
  collections: readonly SnapshotSeries[];
  objects: readonly SnapshotSeries[];
}

export interface SnapshotGrowth {
  verdict: Verdict;
  /** DevTools' Comparison, first → last, at most `top` rows. */
  classes: ClassComparison[];
  /** Up to `top` collections, then up to `top` objects, each list most concerning first. */
  growing: GrowthResult[];
}

export function judgeSnapshotGrowth(input: SnapshotGrowthInput, options: { top: number; times?: number[] }): SnapshotGrowth {
  const { top, times } = options;
  const collectionIds = new Set(input.collections.map((collection) => collection.id));
  const growing = [
    ...collectionGrowth(input.collections, { times }).slice(0, top),
    // A growing collection's own node is already listed by entries; its owners stay (they show the path up).
    ...objectGrowth(input.objects.filter((object) => !collectionIds.has(object.id)), { times }).slice(0, top),
  ];
  return { verdict: overallGrowthVerdict(growing, input.snapshotCount), classes: input.classes.slice(0, top), growing };
}
