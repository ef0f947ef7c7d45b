// Step detection: a baseline that was flat, rose once and held (a one-off allocation that stayed), told apart
// from a warm-up ramp that starts with the process and from noise.
import { medianInPlace } from './stats/select.js';
import { theilSen } from './stats/theil-sen.js';

/** Each side of the step needs this many points for its level to be a median, not a sample. */
const STEP_MIN_SIDE_POINTS = 5;
/** …and this share of the fitted span: a "before" of a few seconds is the warm-up's tail, not a held level. */
const STEP_MIN_SIDE_SHARE = 0.2;
/**
 * Each side may drift by at most this share of the shift over its own span: a ramp (warm-up, a cache filling) drifts
 * the whole way, a step drifts not at all. [mine] A quarter leaves room for noise around both levels.
 */
const STEP_MAX_SIDE_DRIFT = 0.25;
/** The shift must stand out of the noise: this many times the median absolute deviation of the levels. */
const STEP_MIN_NOISE_RATIO = 5;
/** …and be large enough to matter: 4 MiB is more than any healthy process's code and IC growth in minutes. */
const STEP_MIN_BYTES = 4 * 1024 * 1024;

export interface Step {
  /** Bytes the baseline rose by (median after − median before). */
  bytes: number;
  /** Epoch ms of the first point at the new level. */
  at: number;
}

/** The step in value[start, end) that best splits it into two flat levels, or undefined when there is none. */
export function findStep(time: Float64Array, value: Float64Array, start: number, end: number): Step | undefined {
  const count = end - start;
  const minSide = Math.max(STEP_MIN_SIDE_POINTS, Math.ceil(count * STEP_MIN_SIDE_SHARE));
  if (count < 2 * minSide) return undefined;
  let best: { split: number; shift: number } | undefined;
  // O(n²) over at most MAX_BASELINE_POINTS points: each candidate split compares the two sides' medians.
  for (let split = start + minSide; split <= end - minSide; split++) {
    const shift = median(value.subarray(split, end)) - median(value.subarray(start, split));
    if (!best || shift > best.shift) best = { split, shift };
  }
  if (!best || best.shift < STEP_MIN_BYTES) return undefined;
  const before = value.subarray(start, best.split);
  const after = value.subarray(best.split, end);
  const noise = Math.max(deviation(before), deviation(after));
  if (best.shift < STEP_MIN_NOISE_RATIO * noise) return undefined;
  if (drift(time.subarray(start, best.split), before) > STEP_MAX_SIDE_DRIFT * best.shift) return undefined;
  if (drift(time.subarray(best.split, end), after) > STEP_MAX_SIDE_DRIFT * best.shift) return undefined;
  return { bytes: best.shift, at: time[best.split] };
}

function median(values: Float64Array): number {
  return medianInPlace(Float64Array.from(values));
}

/** Median absolute deviation from the median. */
function deviation(values: Float64Array): number {
  const center = median(values);
  return medianInPlace(Float64Array.from(values, (value) => Math.abs(value - center)));
}

/** How far a side's own Theil–Sen line moves across its span (bytes). */
function drift(time: Float64Array, values: Float64Array): number {
  const span = time[time.length - 1] - time[0];
  if (!(span > 0)) return 0;
  const hours = Float64Array.from(time, (t) => (t - time[0]) / 3_600_000);
  return Math.abs(theilSen(hours, values).slope * (span / 3_600_000));
}
