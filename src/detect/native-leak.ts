// Native/Buffer-leak detector: RSS or external memory grows while the heap baseline stays flat.
//
// Inputs: one MemorySeries with rss and/or external/arrayBuffers columns, and heap data for comparison.
// States: leak | ok | insufficient-data. A growing heap is the heap detector's finding, not this one's.
import type { MemorySeries } from '../series/types.js';
import type { NativeLeakResult } from './types.js';
import { heapBaseline, minimaBaseline, MIN_BASELINE_POINTS, type Baseline } from './baseline.js';
import { fitTrend, type TrendFit } from './fit.js';
import { fitSegment } from './segments.js';
import { LEAK_P_VALUE, MIN_GROWTH_NO_LIMIT_BYTES_PER_HOUR, TAIL_MIN_SLOPE_RATIO } from './thresholds.js';

/**
 * [mine] The heap counts as flat when its baseline grows at under a quarter of the native column's rate:
 * then at least three quarters of the growth is outside the V8 heap (malloc, Buffers, native addons).
 */
export const HEAP_SHARE_OF_NATIVE_GROWTH_MAX = 0.25;

/** Columns checked, most specific first: external/arrayBuffers point at Buffers, rss at anything native. */
const NATIVE_COLUMNS = ['external', 'arrayBuffers', 'rss'] as const;
type NativeColumn = (typeof NATIVE_COLUMNS)[number];

export function detectNativeLeak(series: MemorySeries): NativeLeakResult {
  const available = NATIVE_COLUMNS.filter((name) => (series.columns[name]?.length ?? 0) > 0);
  if (available.length === 0) return empty('insufficient-data', undefined, ['no rss or external memory in this series']);
  const heap = heapBaseline(series);
  const heapFit = heap ? fitOf(heap, series.restarts) : undefined;
  if (!heapFit) return empty('insufficient-data', available[0], ['too few heap points to tell whether the heap is flat']);

  let best: { column: NativeColumn; fit: TrendFit } | undefined;
  for (const column of available) {
    const fit = fitOf(minimaBaseline(series.time, series.columns[column]!), series.restarts);
    if (!fit) continue;
    if (isNativeGrowth(fit, heapFit.slopePerHour)) return leak(column, fit, heapFit.slopePerHour);
    if (!best || fit.slopePerHour > best.fit.slopePerHour) best = { column, fit };
  }
  if (!best) return empty('insufficient-data', available[0], [`fewer than ${MIN_BASELINE_POINTS} points of native memory`]);
  const reasons = [
    best.fit.pValue >= LEAK_P_VALUE ? `${best.column} shows no significant upward trend`
    : best.fit.slopePerHour < MIN_GROWTH_NO_LIMIT_BYTES_PER_HOUR ? `${best.column} grows below the minimum effect`
    : heapFit.slopePerHour >= HEAP_SHARE_OF_NATIVE_GROWTH_MAX * best.fit.slopePerHour ? `${best.column} grows with the heap (see the heap verdict)`
    : `${best.column} growth has flattened recently`,
  ];
  return { verdict: 'ok', column: best.column, slopeBytesPerHour: best.fit.slopePerHour, slopeInterval: best.fit.interval, pValue: best.fit.pValue, heapSlopeBytesPerHour: heapFit.slopePerHour, reasons };
}

function isNativeGrowth(fit: TrendFit, heapSlope: number): boolean {
  const stillGrowing = !Number.isFinite(fit.recentSlopePerHour) || fit.recentSlopePerHour >= TAIL_MIN_SLOPE_RATIO * fit.slopePerHour;
  return fit.pValue < LEAK_P_VALUE && fit.slopePerHour >= MIN_GROWTH_NO_LIMIT_BYTES_PER_HOUR && stillGrowing && heapSlope < HEAP_SHARE_OF_NATIVE_GROWTH_MAX * fit.slopePerHour;
}

function fitOf(baseline: Baseline, restarts: readonly number[] | undefined): TrendFit | undefined {
  const segment = fitSegment(baseline, restarts);
  if (segment.end - segment.start < MIN_BASELINE_POINTS) return undefined;
  return fitTrend(baseline.time, baseline.value, segment.start, segment.end);
}

function leak(column: NativeColumn, fit: TrendFit, heapSlope: number): NativeLeakResult {
  const share = fit.slopePerHour > 0 ? Math.max(0, heapSlope) / fit.slopePerHour : 0;
  const reasons = [`${column} grows ${(fit.slopePerHour / 1_048_576).toFixed(1)} MiB/h while the heap baseline accounts for ${(share * 100).toFixed(0)}% of it`];
  return { verdict: 'leak', column, slopeBytesPerHour: fit.slopePerHour, slopeInterval: fit.interval, pValue: fit.pValue, heapSlopeBytesPerHour: heapSlope, reasons };
}

function empty(verdict: NativeLeakResult['verdict'], column: NativeColumn | undefined, reasons: string[]): NativeLeakResult {
  return { verdict, column, slopeBytesPerHour: Number.NaN, pValue: Number.NaN, heapSlopeBytesPerHour: Number.NaN, reasons };
}
