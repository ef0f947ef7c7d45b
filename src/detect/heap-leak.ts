// INTERIM stand-in for the heap-leak detector of feat/detect (same signature): replaced by theirs on merge.
// Least-squares slope of heapUsed, leak when it is steady (R² ≥ 0.6) and ≥ 5 %/h of the limit.
import { linearRegression, rSquared } from 'simple-statistics';
import type { MemorySeries } from '../series/types.js';
import type { HeapLeakResult } from './types.js';

const MIN_SAMPLES = 8;
const MIN_R_SQUARED = 0.6;
const MIN_FRACTION_OF_LIMIT_PER_HOUR = 0.05;
const MIN_BYTES_PER_HOUR_NO_LIMIT = 50 * 1024 * 1024;

export interface HeapLeakOptions {
  heapLimit?: number;
  restarts?: readonly number[];
}

export function detectHeapLeak(series: MemorySeries, options: HeapLeakOptions = {}): HeapLeakResult {
  const used = series.columns.heapUsed;
  const limitColumn = series.columns.heapLimit;
  const heapLimit = limitColumn?.[limitColumn.length - 1] ?? options.heapLimit;
  const samples = series.time.length;
  const spanSeconds = samples > 1 ? (series.time[samples - 1]! - series.time[0]!) / 1000 : 0;
  const base = { baseline: 'raw' as const, samples, spanSeconds, pValue: 1, rSquared: 0, heapLimit, timeToLimitSeconds: null };
  if (!used || samples < MIN_SAMPLES) return { ...base, verdict: 'insufficient-data', slopeBytesPerHour: 0, reasons: [`only ${samples} samples (need ${MIN_SAMPLES})`] };
  const points = Array.from(used, (value, index) => [(series.time[index]! - series.time[0]!) / 3_600_000, value]);
  const line = linearRegression(points);
  const fit = rSquared(points, (x) => line.m * x + line.b);
  const threshold = heapLimit ? MIN_FRACTION_OF_LIMIT_PER_HOUR * heapLimit : MIN_BYTES_PER_HOUR_NO_LIMIT;
  const leak = line.m >= threshold && fit >= MIN_R_SQUARED;
  const last = used[used.length - 1]!;
  const timeToLimitSeconds = leak && heapLimit ? ((heapLimit - last) / line.m) * 3600 : null;
  return {
    ...base,
    verdict: leak ? 'leak' : 'ok',
    slopeBytesPerHour: line.m,
    rSquared: fit,
    timeToLimitSeconds,
    reasons: [leak ? 'heap grows steadily' : line.m < threshold ? 'growth below the minimum effect' : 'growth is not steady'],
  };
}
