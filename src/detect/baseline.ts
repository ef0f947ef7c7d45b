// The leak baseline of a memory series: post-major-GC heap when GC events exist, else windowed minima of heapUsed.
import type { MemorySeries } from '../series/types.js';
import { medianInPlace, selectInPlace } from './stats/select.js';

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
/** …or half the largest falls (their 90th percentile), when that is lower but still 1.5 × the median step. */
const LARGE_FALL_SHARE = 0.5;
/**
 * [mine] 1.5 × the median step: a collection every 3–4 samples (a 1 s scrape of a service that collects every few
 * seconds) falls by about twice the typical rise, which 2 × missed; Gaussian noise crosses 1.5 × on ~16 % of its
 * steps, and then the window (2 × that "period", ≥ 12 samples) is wide enough that its minima are still flat.
 */
const MIN_FALL_STEP_RATIO = 1.5;
/**
 * …or a fall of 5 % of the heap in one step, whatever the steps around it: a collection every 3 samples makes the
 * rises as large as the falls (no step stands out), but a heap that rises without collecting never loses a twentieth
 * of itself between two samples. [mine] Seen on a 1 s scrape of a leaking service that collects every 3 s.
 */
const RELATIVE_DROP_SHARE = 0.05;
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
/** Window and stride of a `scavenge-floor` baseline, in collections (see heapBaseline). */
const SCAVENGE_FLOOR_WINDOW = 3;
const SCAVENGE_FLOOR_STRIDE = 2;
/** The typical step is a median: 100 000 evenly spaced steps estimate it as well as a million do, 10× cheaper. */
const STEP_SAMPLE = 100_000;

/**
 * `post-gc`: the heap after each major GC; `scavenge-floor`: window minima of every collection's end size (a trace-gc
 * log with too few majors), checked against the majors it has; `rolling-min`: window minima of sampled heapUsed;
 * `raw`: samples with no GC cycle in them (never enough for an error-level verdict).
 */
export type BaselineKind = 'post-gc' | 'scavenge-floor' | 'rolling-min' | 'raw';

export interface Baseline {
  kind: BaselineKind;
  time: Float64Array;
  value: Float64Array;
  /** Raw samples (or GC events) per baseline point. */
  windowSamples: number;
  /** Why the baseline is thin, when it is (said in the verdict's reasons). */
  note?: string;
  /** The major GCs' end sizes, for a `scavenge-floor` baseline: what its growth must be confirmed by. */
  majors?: { time: Float64Array; value: Float64Array };
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
    // Too few full GCs for a post-GC baseline, but a log holds hundreds of scavenges: their end sizes (old space +
    // survivors) are a floor that rises with a leak. Promoted garbage lifts it too, until the next major GC takes it
    // back, so heap-leak.ts only trusts this floor's growth where the majors confirm it.
    // Three collections per window, two apart: every end size is already a floor (the young generation is empty), so
    // the window only smooths; a wide one returned the same post-major point again and again (5 points in 90 s).
    const window = boundedWindow(events.length, SCAVENGE_FLOOR_WINDOW);
    const stride = boundedWindow(events.length, SCAVENGE_FLOOR_STRIDE);
    const reduced = windowMinima(events.map((event) => event.time), events.map((event) => event.heapAfter), Math.max(window, stride), stride);
    return {
      kind: 'scavenge-floor',
      ...reduced,
      windowSamples: Math.max(window, stride),
      majors: { time: Float64Array.from(majors, (event) => event.time), value: Float64Array.from(majors, (event) => event.heapAfter) },
      note: `only ${majors.length} major GC(s) in the log: the floor of every collection's end size is used`,
    };
  }
  return undefined;
}

/**
 * Window minima of any column, bucketed the same way (RSS and external use it too). A window never gets
 * shorter than one GC cycle (a shorter one returns points on the saw's slope).
 */
export function minimaBaseline(time: ArrayLike<number>, values: ArrayLike<number>): Baseline {
  const count = Math.min(time.length, values.length);
  const period = sawtoothPeriod(values);
  let window = Math.max(ROLLING_MIN_WINDOW_SAMPLES, Math.ceil(GC_INTERVALS_PER_WINDOW * period));
  // Short series: shrink the window so that enough points remain to judge, but not below one GC cycle.
  if (count / window < MIN_BASELINE_POINTS * 2) window = Math.max(1, Math.ceil(period), Math.floor(count / (MIN_BASELINE_POINTS * 2)));
  // Windows overlap by half (twice the points for the same smoothing), unless the point cap needs a longer stride.
  const stride = boundedWindow(count, Math.ceil(window / 2));
  window = Math.max(window, stride);
  const reduced = windowMinima(time, values, window, stride);
  // Minima of short windows in which no collection shows are points on the saw's rising edge: raw, not a floor.
  const raw = window === 1 || (period === 0 && window < ROLLING_MIN_WINDOW_SAMPLES);
  return { kind: raw ? 'raw' : 'rolling-min', ...reduced, windowSamples: window };
}

function quantileInPlace(values: Float64Array, q: number): number {
  return selectInPlace(values, Math.min(values.length - 1, Math.floor(q * values.length)));
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
  // Falls, as positive sizes, for the cap below (taken before the median reorders the steps' copy).
  const falls: number[] = [];
  for (let index = 1; index < count; index += stride) {
    const step = values[index - 1] - values[index];
    if (step > 0 && Number.isFinite(step)) falls.push(step);
  }
  const typicalStep = medianInPlace(steps.subarray(0, finite));
  if (!(typicalStep > 0)) return 0;
  // A collection every few samples makes the rises the median step, and a fall of (period − 1) rises can stay
  // under five of them (at 4 Hz with a scavenge every 1.5 s, exactly five): half the largest falls (their 90th
  // percentile) is then the better line. Noise alone never gets there: its falls are as large as its rises.
  const largeFall = falls.length > 0 ? quantileInPlace(Float64Array.from(falls), 0.9) : 0;
  const threshold = -Math.min(GC_DROP_STEP_RATIO * typicalStep, Math.max(LARGE_FALL_SHARE * largeFall, MIN_FALL_STEP_RATIO * typicalStep));
  const gaps: number[] = [];
  let previousDrop = -1;
  for (let index = 1; index < count; index++) {
    const fall = values[index - 1] - values[index];
    if (-fall < threshold || fall >= RELATIVE_DROP_SHARE * values[index - 1]) {
      if (previousDrop >= 0) gaps.push(index - previousDrop);
      previousDrop = index;
    }
  }
  return gaps.length === 0 ? 0 : medianInPlace(Float64Array.from(gaps));
}
