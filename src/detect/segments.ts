// Splits a baseline at process restarts and drops the warm-up, leaving the stretch a trend is fitted to.
import type { Baseline } from './baseline.js';

/**
 * A baseline point below half of the previous one is a restart (Coroot `MemoryGrowthPct`: v < 0.5·prev).
 * Applied to the baseline, not to raw heap, where one major GC can halve the heap without any restart.
 */
export const RESTART_DROP_RATIO = 0.5;
/**
 * The first 10 % of a segment's span is warm-up (caches, JIT, pools filling): excluded from the fit, as the
 * reference recommends ("skip the first 10 %").
 */
export const WARMUP_FRACTION = 0.1;
/** memwatch ignored the first 3 compactions before recording min/max; post-GC baselines skip as many. */
export const WARMUP_MIN_MAJOR_GCS = 3;

export interface Segment {
  /** Index range into the baseline, end exclusive, after the warm-up was dropped. */
  start: number;
  end: number;
  /** Restarts found across the whole baseline (markers and drops). */
  restarts: number;
  warmupPoints: number;
}

/** Index ranges between restarts: explicit markers (epoch ms) and > 50 % drops. */
export function splitAtRestarts(baseline: Baseline, markers: readonly number[] = []): Array<[number, number]> {
  const { time, value } = baseline;
  const sortedMarkers = [...markers].sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let marker = 0;
  for (let index = 1; index < value.length; index++) {
    let restart = value[index] < RESTART_DROP_RATIO * value[index - 1];
    while (marker < sortedMarkers.length && sortedMarkers[marker] <= time[index]) {
      if (sortedMarkers[marker] > time[index - 1]) restart = true;
      marker++;
    }
    if (restart) {
      ranges.push([start, index]);
      start = index;
    }
  }
  if (value.length > 0) ranges.push([start, value.length]);
  return ranges;
}

/**
 * The longest segment between restarts (Coroot keeps the longest one too: after a restart the process is
 * a new population), with its warm-up removed.
 */
export function fitSegment(baseline: Baseline, markers: readonly number[] = []): Segment {
  const ranges = splitAtRestarts(baseline, markers);
  let [start, end] = ranges[0] ?? [0, 0];
  for (const [rangeStart, rangeEnd] of ranges) if (rangeEnd - rangeStart > end - start) [start, end] = [rangeStart, rangeEnd];
  const { time } = baseline;
  const warmupEnd = end > start ? time[start] + WARMUP_FRACTION * (time[end - 1] - time[start]) : 0;
  let first = start;
  while (first < end && time[first] < warmupEnd) first++;
  if (baseline.kind === 'post-gc') first = Math.max(first, Math.min(end, start + WARMUP_MIN_MAJOR_GCS));
  return { start: first, end, restarts: ranges.length - 1, warmupPoints: first - start };
}
