// The contracts of the detectors: inputs are Series (src/series/types.ts), outputs carry a three-state
// verdict and the numbers behind it. `trend` and `analyze` call the same functions.
import type { PoolVerdict, Verdict } from '../findings.js';

export interface HeapLeakResult {
  verdict: Verdict;
  /** Which baseline the fit ran on: post-major-GC heap, the collections' floor, rolling minima, or raw samples. */
  baseline: 'post-gc' | 'scavenge-floor' | 'rolling-min' | 'raw';
  samples: number;
  spanSeconds: number;
  /** Theil–Sen slope of the baseline, bytes per hour, with its confidence interval. */
  slopeBytesPerHour: number;
  slopeInterval?: [number, number];
  /** One-sided Mann–Kendall p-value for an increasing trend. */
  pValue: number;
  rSquared: number;
  /** Seconds until the fitted baseline reaches the heap limit (`leak` and `growing`); null otherwise. */
  timeToLimitSeconds: number | null;
  /** The heap limit the series or the user gave; absent when unknown. */
  heapLimit?: number;
  /** True when the projection used the assumed default limit (ASSUMED_HEAP_LIMIT_BYTES) because none was known. */
  heapLimitAssumed?: boolean;
  /** Growth reaching the limit within this many seconds is `leak`; slower certain growth is `growing`. */
  horizonSeconds?: number;
  /** A level that stepped up and held (the `growing` warning for a one-off allocation that stayed). */
  step?: { bytes: number; at: number };
  /** Human reasons for the verdict, most important first (e.g. "plateau after warm-up"). */
  reasons: string[];
  /** The baseline points and the fit, for charts. */
  baselinePoints?: { time: Float64Array; value: Float64Array };
  fit?: { interceptAtStart: number; startTime: number; endTime?: number };
  /** Theil–Sen slope of the last quarter of the fitted segment (the recent-slope check), bytes per hour. */
  recentSlopeBytesPerHour?: number;
  /** The growth this series had to show to be called a leak: what reaches the limit within the horizon. */
  minGrowthBytesPerHour?: number;
  /** Restarts found (markers from pid, uptime or process start); the longest segment between them was fitted. */
  restarts?: number;
  /** Baseline points the trend was fitted to (after restarts and warm-up). */
  fittedPoints?: number;
}

/** RSS or external memory growing while the heap baseline is flat: a native or Buffer leak. */
export interface NativeLeakResult {
  verdict: Verdict;
  /** The column that grows (rss, external or arrayBuffers); absent when none was available. */
  column?: 'rss' | 'external' | 'arrayBuffers';
  slopeBytesPerHour: number;
  slopeInterval?: [number, number];
  pValue: number;
  /** The heap baseline's slope over the same time, bytes per hour. */
  heapSlopeBytesPerHour: number;
  reasons: string[];
}

/** Share of wall time spent in GC pauses (from GC events). */
export interface GcPressureResult {
  verdict: 'pressure' | 'ok' | 'insufficient-data';
  events: number;
  spanSeconds: number;
  /** Total pause per second of wall time, averaged over the span (ms/s). */
  meanPauseMsPerSecond: number;
  /** The worst one-second window (ms of pause in it). */
  maxPauseMsPerSecond: number;
  /** Share of one-second windows with ≥ the pressure threshold of pause. */
  busyWindowShare: number;
  reasons: string[];
}

export interface PoolPressureResult {
  name: string;
  library?: string;
  verdict: PoolVerdict;
  samples: number;
  /** Seconds spent saturated (in use = max, idle 0, waiting > 0, sustained). */
  saturatedSeconds: number;
  saturationEpisodes: number;
  waitingP50?: number;
  waitingP95?: number;
  waitingMax?: number;
  utilizationP50?: number;
  utilizationP95?: number;
  reasons: string[];
  source?: string;
  spanSeconds?: number;
  /** Longest saturation episode, in samples. */
  longestEpisodeSamples?: number;
  /** Connection-leak signature: how often the quiet-period floor of in-use stepped up, and by how much. */
  floorSteps?: number;
  floorRise?: number;
  inUseMax?: number;
  poolMax?: number;
}
