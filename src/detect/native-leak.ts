// Native/Buffer-leak detector: RSS or external memory grows while the heap baseline stays flat.
//
// Inputs: one MemorySeries with rss and/or external/arrayBuffers columns, and heap data for comparison.
// States: leak | growing (certain but under NATIVE_LEAK_BYTES_PER_HOUR) | ok | insufficient-data. A growing heap is
// the heap detector's finding, not this one's. Same significance as the heap (Mann–Kendall and Sen's interval).
import type { MemorySeries } from '../series/types.js';
import type { NativeLeakResult } from './types.js';
import { heapBaseline, minimaBaseline, MIN_BASELINE_POINTS, type Baseline } from './baseline.js';
import { fitTrend, type TrendFit } from './fit.js';
import { fitSegment } from './segments.js';
import { LEAK_P_VALUE, NATIVE_LEAK_BYTES_PER_HOUR, TAIL_MIN_SLOPE_RATIO, MIN_SAMPLED_GROWTH_SPAN_SECONDS } from './thresholds.js';
import { formatBytes, formatRate } from '../units.js';

/**
 * [mine] The heap counts as flat when its baseline grows at under a quarter of the native column's rate:
 * then at least three quarters of the growth is outside the V8 heap (malloc, Buffers, native addons).
 */
export const HEAP_SHARE_OF_NATIVE_GROWTH_MAX = 0.25;

/**
 * RSS of a young process climbs for minutes with no leak (code space, malloc arenas, JIT, lazily mapped pages):
 * the first quarter of the span is left out of its fit, on top of the heap's 10 % warm-up.
 */
export const RSS_WARMUP_FRACTION = 0.25;

/**
 * Absolute growth a column must show over the fitted span. RSS moves by whole arenas and pages: a healthy process
 * recorded at 4 Hz gained ~6 MB of RSS in its first 90 s (issue 19 case 1), so 16 MiB. external/arrayBuffers count
 * Buffers byte for byte and are flat in a healthy process once warm: 4 MiB.
 */
export const MIN_NATIVE_GROWTH_BYTES: Record<NativeColumn, number> = {
  rss: 16 * 1024 * 1024,
  external: 4 * 1024 * 1024,
  arrayBuffers: 4 * 1024 * 1024,
};

/** Columns checked, most specific first: external/arrayBuffers point at Buffers, rss at anything native. */
const NATIVE_COLUMNS = ['external', 'arrayBuffers', 'rss'] as const;
type NativeColumn = (typeof NATIVE_COLUMNS)[number];

export function detectNativeLeak(series: MemorySeries): NativeLeakResult {
  const available = NATIVE_COLUMNS.filter((name) => (series.columns[name]?.length ?? 0) > 0);
  if (available.length === 0) return empty('insufficient-data', undefined, ['no rss or external memory in this series']);
  const heap = heapBaseline(series);
  const heapFit = heap ? fitOf(heap, series.restarts, 0) : undefined;
  if (!heapFit) return empty('insufficient-data', available[0], ['too few heap points to tell whether the heap is flat']);

  let best: { column: NativeColumn; fit: TrendFit } | undefined;
  for (const column of available) {
    const fit = fitOf(minimaBaseline(series.time, series.columns[column]!), series.restarts, column === 'rss' ? RSS_WARMUP_FRACTION : 0);
    if (!fit) continue;
    const why = whyNot(column, fit, heapFit.slopePerHour);
    if (why === undefined) return flagged(column, fit, heapFit.slopePerHour);
    if (!best || fit.slopePerHour > best.fit.slopePerHour) best = { column, fit };
  }
  if (!best) return empty('insufficient-data', available[0], [`fewer than ${MIN_BASELINE_POINTS} points of native memory`]);
  return { verdict: 'ok', column: best.column, slopeBytesPerHour: best.fit.slopePerHour, slopeInterval: best.fit.interval, pValue: best.fit.pValue, heapSlopeBytesPerHour: heapFit.slopePerHour, reasons: [whyNot(best.column, best.fit, heapFit.slopePerHour)!] };
}

/** The first gate a column fails, or undefined when it grows outside the heap. */
function whyNot(column: NativeColumn, fit: TrendFit, heapSlope: number): string | undefined {
  const stillGrowing = !Number.isFinite(fit.recentSlopePerHour) || fit.recentSlopePerHour >= TAIL_MIN_SLOPE_RATIO * fit.slopePerHour;
  const growth = fit.slopePerHour * (fit.spanSeconds / 3600);
  if (!(fit.pValue < LEAK_P_VALUE && fit.interval[0] > 0)) return `${column} shows no significant upward trend`;
  if (growth < MIN_NATIVE_GROWTH_BYTES[column]) return `${column} grows ${formatRate(fit.slopePerHour)} but only ${formatBytes(growth)} over the run (< ${formatBytes(MIN_NATIVE_GROWTH_BYTES[column])}): a young process settling, not a leak`;
  if (heapSlope >= HEAP_SHARE_OF_NATIVE_GROWTH_MAX * fit.slopePerHour) return `${column} grows with the heap (see the heap verdict)`;
  if (!stillGrowing) return `${column} growth has flattened recently`;
  // Same rule as the heap's sampled baseline: minutes of RSS cannot tell a leak from arenas and code settling.
  if (fit.spanSeconds < MIN_SAMPLED_GROWTH_SPAN_SECONDS) return `${column} grows ${formatRate(fit.slopePerHour)}, but over ${Math.round(fit.spanSeconds)} s a young process's memory settling looks the same; run ≥ 4 min to tell`;
  return undefined;
}

/** Fit after restarts and warm-up; `extraWarmup` leaves out a further share of the segment's span. */
function fitOf(baseline: Baseline, restarts: readonly number[] | undefined, extraWarmup: number): TrendFit | undefined {
  const segment = fitSegment(baseline, restarts);
  let start = segment.start;
  if (extraWarmup > 0 && segment.end > start) {
    const from = baseline.time[start] + extraWarmup * (baseline.time[segment.end - 1] - baseline.time[start]);
    while (start < segment.end && baseline.time[start] < from) start++;
  }
  if (segment.end - start < MIN_BASELINE_POINTS) return undefined;
  return fitTrend(baseline.time, baseline.value, start, segment.end);
}

function flagged(column: NativeColumn, fit: TrendFit, heapSlope: number): NativeLeakResult {
  const share = fit.slopePerHour > 0 ? Math.max(0, heapSlope) / fit.slopePerHour : 0;
  const verdict = fit.slopePerHour >= NATIVE_LEAK_BYTES_PER_HOUR ? 'leak' : 'growing';
  const reasons = [`${column} grows ${formatRate(fit.slopePerHour)} while the heap baseline accounts for ${(share * 100).toFixed(0)}% of it`];
  return { verdict, column, slopeBytesPerHour: fit.slopePerHour, slopeInterval: fit.interval, pValue: fit.pValue, heapSlopeBytesPerHour: heapSlope, reasons };
}

function empty(verdict: NativeLeakResult['verdict'], column: NativeColumn | undefined, reasons: string[]): NativeLeakResult {
  return { verdict, column, slopeBytesPerHour: Number.NaN, pValue: Number.NaN, heapSlopeBytesPerHour: Number.NaN, reasons };
}
