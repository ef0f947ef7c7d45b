// The leak baseline of a memory series: post-major-GC heap when GC events exist, else windowed minima of heapUsed.
import type { MemorySeries } from '../series/types.js';
import { medianInPlace } from './stats/select.js';

/**
 * Fewer baseline points than this and no detector judges (clinic doctor refuses short runs the same way;
 * Coroot requires ≥ 10 points per segment). Ten is the smallest count at which Mann–Kendall's normal
 * approximation is usable (Kendall 1975 tabulates exact values only up to n = 10).
 */
export const MIN_BASELINE_POINTS = 10;

/**
 * Raw heapUsed is a GC sawtooth; the minimum over a window that spans at least one collection is the live
 * heap. 10 samples ≈ PromQL `min_over_time(...[5m])` at a 30 s scrape, the window the reference suggests
 * (5–10 samples or a few minutes).
 */
export const ROLLING_MIN_WINDOW_SAMPLES = 10;

/**
 * A fall between two samples larger than 5 × the median absolute step is a collection, not noise: heap grows
 * in small allocation steps and falls in one GC step. [mine] Five medians keeps Gaussian noise (whose steps
 * rarely exceed 4 × their median) from counting as collections.
 */
export const GC_DROP_STEP_RATIO = 5;
/**
 * The window spans two GC intervals, so every window holds at least one post-GC trough even when collections
 * come irregularly; a window shorter than one interval would return points on the saw's slope.
 */
export const GC_INTERVALS_PER_WINDOW = 2;

/**
 * Baselines are bucketed to at most this many points, so the O(n²) statistics stay fast on 1 M raw samples:
 * Mann–Kendall on 1 000 points is 0.5 M comparisons and Theil–Sen stays exact (0.5 M pairwise slopes).
 * A bucket keeps its minimum, like the window. 1 000 points still resolve a 28-hour run to 100 seconds.
 */
export const MAX_BASELINE_POINTS = 1000;
/** The typical step is a median: 100 000 evenly spaced steps estimate it as well as a million do, 10× cheaper. */
const STEP_SAMPLE = 100_000;

export type BaselineKind = 'post-gc' | 'rolling-min' | 'raw';

export interface Baseline {
  kind: BaselineKind;
  time: Float64Array;
  value: Float64Array;
  /** Raw samples (or GC events) per baseline point. */
  windowSamples: number;
  /** Why the baseline is thin, when it is (said in the verdict's reasons). */
  note?: string;
}

/**
 * Minimum of each window of `windowSamples` consecutive values, one window every `strideSamples` samples,
 * stamped with the time of that minimum. O(n · window / stride). Overlapping windows that find the same
 * minimum emit it once, so no point is counted twice by the rank statistics.
 */
export function windowMinima(time: ArrayLike<number>, values: ArrayLike<number>, windowSamples: number, strideSamples = windowSamples): { time: Float64Array; value: Float64Array } {
  const count = Math.min(time.length, values.length);
  const window = Math.max(1, Math.floor(windowSamples));
  const stride = Math.max(1, Math.floor(strideSamples));
  const points = Math.ceil(count / stride);
  const outTime = new Float64Array(points);
  const outValue = new Float64Array(points);
  let written = 0;
  let lastIndex = -1;
  for (let start = 0; start < count; start += stride) {
    const end = Math.min(count, start + window);
    let best = Infinity;
    let bestIndex = -1;
    for (let index = start; index < end; index++) {
      // NaN (a missing scrape) never wins the comparison, so gaps are skipped rather than propagated.
      if (values[index] < best) {
        best = values[index];
        bestIndex = index;
      }
    }
    if (bestIndex >= 0 && bestIndex !== lastIndex) {
      outTime[written] = time[bestIndex];
      outValue[written++] = best;
      lastIndex = bestIndex;
    }
    if (end === count) break;
  }
  return { time: outTime.subarray(0, written), value: outValue.subarray(0, written) };
}

/** Window that keeps a series within MAX_BASELINE_POINTS, never narrower than `preferred`. */
function boundedWindow(count: number, preferred: number): number {
  return Math.max(preferred, Math.ceil(count / MAX_BASELINE_POINTS));
}

/** Builds the heap baseline, or undefined when the series has no heap data at all. */
export function heapBaseline(series: MemorySeries): Baseline | undefined {
  const events = series.gcEvents ?? [];
  const majors = events.filter((event) => event.kind === 'major' && Number.isFinite(event.heapAfter));
  if (majors.length >= MIN_BASELINE_POINTS) {
    // After a full mark-compact only live objects remain: the closest thing to the retained heap (HPjmeter, memwatch).
    const window = boundedWindow(majors.length, 1);
    const reduced = windowMinima(majors.map((event) => event.time), majors.map((event) => event.heapAfter), window);
    return { kind: 'post-gc', ...reduced, windowSamples: window };
  }
  const heapUsed = series.columns.heapUsed;
  // Samples denser than the GC events (live sampling) say more than a few collections; a trace-gc log's
  // heapUsed column is the events themselves, and then the events' rules below apply.
  if (heapUsed && heapUsed.length > 0 && heapUsed.length > events.length) return minimaBaseline(series.time, heapUsed);
  if (events.length > 0) {
    // Too few full GCs: every collection's end size still includes old-generation garbage, so take window
    // minima, and only over whole GC cycles: with fewer than two majors there is no cycle to take them over.
    const baseline = minimaBaseline(events.map((event) => event.time), events.map((event) => event.heapAfter), { wholeCycles: true });
    return { ...baseline, note: `only ${majors.length} major GC(s) in the log: too few to tell growth from garbage` };
  }
  return undefined;
}

/**
 * Window minima of any column, bucketed the same way (RSS and external use it too). A window never gets
 * shorter than one GC cycle (a shorter one returns points on the saw's slope); `wholeCycles` also refuses
 * to window a series in which no cycle shows at all.
 */
export function minimaBaseline(time: ArrayLike<number>, values: ArrayLike<number>, options: { wholeCycles?: boolean } = {}): Baseline {
  const count = Math.min(time.length, values.length);
  const period = sawtoothPeriod(values);
  let window = Math.max(ROLLING_MIN_WINDOW_SAMPLES, Math.ceil(GC_INTERVALS_PER_WINDOW * period));
  // Short series: shrink the window so that enough points remain to judge, but not below one GC cycle.
  if (count / window < MIN_BASELINE_POINTS * 2) window = Math.max(1, Math.ceil(period), Math.floor(count / (MIN_BASELINE_POINTS * 2)));
  if (options.wholeCycles && period === 0) window = Math.max(1, count);
  // Windows overlap by half (twice the points for the same smoothing), unless the point cap needs a longer stride.
  const stride = boundedWindow(count, Math.ceil(window / 2));
  window = Math.max(window, stride);
  const reduced = windowMinima(time, values, window, stride);
  return { kind: window === 1 ? 'raw' : 'rolling-min', ...reduced, windowSamples: window };
}

/**
 * Median number of samples between collections seen in raw values (falls > GC_DROP_STEP_RATIO × the median
 * step), or 0 when fewer than two collections show. O(n).
 */
export function sawtoothPeriod(values: ArrayLike<number>): number {
  const count = values.length;
  if (count < 3) return 0;
  const stride = Math.max(1, Math.floor((count - 1) / STEP_SAMPLE));
  const steps = new Float64Array(Math.ceil((count - 1) / stride));
  let finite = 0;
  for (let index = 1; index < count; index += stride) {
    const step = Math.abs(values[index] - values[index - 1]);
    // NaN steps (missing scrapes) are left out of the median.
    if (Number.isFinite(step)) steps[finite++] = step;
  }
  const typicalStep = medianInPlace(steps.subarray(0, finite));
  if (!(typicalStep > 0)) return 0;
  const threshold = -GC_DROP_STEP_RATIO * typicalStep;
  const gaps: number[] = [];
  let previousDrop = -1;
  for (let index = 1; index < count; index++) {
    if (values[index] - values[index - 1] < threshold) {
      if (previousDrop >= 0) gaps.push(index - previousDrop);
      previousDrop = index;
    }
  }
  return gaps.length === 0 ? 0 : medianInPlace(Float64Array.from(gaps));
}
