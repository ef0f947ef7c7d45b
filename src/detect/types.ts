// The contracts of the detectors: inputs are Series (src/series/types.ts), outputs carry a three-state
// verdict and the numbers behind it. `trend` and `analyze` call the same functions.
import type { PoolVerdict, Verdict } from '../findings.js';

export interface HeapLeakResult {
  verdict: Verdict;
  /** Which baseline the fit ran on: post-major-GC heap, rolling minima, or raw samples. */
  baseline: 'post-gc' | 'rolling-min' | 'raw';
  samples: number;
  spanSeconds: number;
  /** Theil–Sen slope of the baseline, bytes per hour, with its confidence interval. */
  slopeBytesPerHour: number;
  slopeInterval?: [number, number];
  /** One-sided Mann–Kendall p-value for an increasing trend. */
  pValue: number;
  rSquared: number;
  /** Seconds until the fitted baseline reaches the heap limit; null when not growing or limit unknown. */
  timeToLimitSeconds: number | null;
  heapLimit?: number;
  /** Human reasons for the verdict, most important first (e.g. "plateau after warm-up"). */
  reasons: string[];
  /** The baseline points and the fit, for charts. */
  baselinePoints?: { time: Float64Array; value: Float64Array };
  fit?: { interceptAtStart: number; startTime: number };
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
}
