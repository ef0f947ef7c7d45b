// The seeds' naive leak test, kept only as the baseline to beat in tests and benchmarks.
import { linearRegression } from 'simple-statistics';

/** Least squares over the last 10 raw samples… */
export const NAIVE_WINDOW_SAMPLES = 10;
/** …leak when the slope exceeds 1 MB (10^6 bytes) per sample. */
export const NAIVE_SLOPE_BYTES_PER_SAMPLE = 1_000_000;

/** Returns the naive verdict and its slope (bytes per sample) on raw heapUsed values. */
export function naiveLeakVerdict(heapUsed: ArrayLike<number>): { verdict: 'leak' | 'ok' | 'insufficient-data'; slopeBytesPerSample: number } {
  const count = Math.min(NAIVE_WINDOW_SAMPLES, heapUsed.length);
  if (count < 2) return { verdict: 'insufficient-data', slopeBytesPerSample: Number.NaN };
  const offset = heapUsed.length - count;
  const pairs = Array.from({ length: count }, (_, index) => [index, heapUsed[offset + index]]);
  const slope = linearRegression(pairs).m;
  return { verdict: slope > NAIVE_SLOPE_BYTES_PER_SAMPLE ? 'leak' : 'ok', slopeBytesPerSample: slope };
}
