// Splits a baseline at process restarts and drops the warm-up, leaving the stretch a trend is fitted to.
//
// Restarts come from evidence only (a pid, uptime or process start time that changed, as the readers mark them):
// a drop of the baseline alone is not one. On Node 22/24 a large major GC or the end of a sawtooth tooth halves the
// heap in one step with the same pid and uptime, and cutting there left a fit over one rising edge (issue 19 case 4).
import type { Baseline } from './baseline.js';
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
  /** Restarts found across the whole baseline (markers that fall inside it). */
  restarts: number;
  warmupPoints: number;
}

/** Index ranges between restarts: the markers (epoch ms) the source gave. */
export function splitAtRestarts(baseline: Baseline, markers: readonly number[] = []): Array<[number, number]> {
  const { time } = baseline;
  const sortedMarkers = [...markers].sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let marker = 0;
  for (let index = 1; index < time.length; index++) {
    let restart = false;
    while (marker < sortedMarkers.length && sortedMarkers[marker] <= time[index]) {
      if (sortedMarkers[marker] > time[index - 1]) restart = true;
      marker++;
    }
    if (restart) {
      ranges.push([start, index]);
      start = index;
    }
  }
  if (time.length > 0) ranges.push([start, time.length]);
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
