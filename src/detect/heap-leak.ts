// Heap-leak detector: is the live heap (the baseline under the GC sawtooth) growing, how fast, how sure, until when.
//
// Inputs: one MemorySeries (heapUsed samples and/or GC events; heapLimit column or option; restart markers).
// States: leak | ok | insufficient-data. Thresholds live in thresholds.ts and baseline.ts with their sources.
import type { MemorySeries } from '../series/types.js';
import type { HeapLeakResult } from './types.js';
import { heapBaseline, MIN_BASELINE_POINTS, type Baseline } from './baseline.js';
import { fitTrend, type TrendFit } from './fit.js';
import { fitSegment } from './segments.js';
import { lastFinite } from './series-values.js';
import { LEAK_P_VALUE, minimumGrowthPerHour, TAIL_MIN_SLOPE_RATIO } from './thresholds.js';

export interface HeapLeakOptions {
  /** Heap limit in bytes when the series has no heapLimit column (e.g. from --max-old-space-size). */
  heapLimit?: number;
  /** Restart times (epoch ms) known from elsewhere, added to the series' own markers. */
  restarts?: readonly number[];
}

export function detectHeapLeak(series: MemorySeries, options: HeapLeakOptions = {}): HeapLeakResult {
  const heapLimit = lastFinite(series.columns.heapLimit) ?? options.heapLimit;
  const baseline = heapBaseline(series);
  const samples = series.time.length > 0 ? series.time.length : (series.gcEvents?.length ?? 0);
  if (!baseline) return insufficient('raw', samples, rawSpanSeconds(series), heapLimit, ['no heap samples or GC events in this series']);
  const segment = fitSegment(baseline, [...(series.restarts ?? []), ...(options.restarts ?? [])]);
  const points = segment.end - segment.start;
  const spanSeconds = rawSpanSeconds(series);
  if (points < MIN_BASELINE_POINTS) {
    const why = `only ${points} baseline points after restarts and warm-up (need ${MIN_BASELINE_POINTS})`;
    return insufficient(baseline.kind, samples, spanSeconds, heapLimit, baseline.note ? [baseline.note, why] : [why], baseline);
  }
  const fit = fitTrend(baseline.time, baseline.value, segment.start, segment.end);
  const reasons: string[] = [];
  if (segment.restarts > 0) reasons.push(`${segment.restarts} restart(s): fitted the longest segment`);
  const verdict = judge(fit, heapLimit, reasons);
  return {
    verdict,
    baseline: baseline.kind,
    samples,
    spanSeconds,
    slopeBytesPerHour: fit.slopePerHour,
    slopeInterval: fit.interval,
    pValue: fit.pValue,
    rSquared: fit.rSquared,
    timeToLimitSeconds: verdict === 'leak' ? timeToLimit(fit, heapLimit) : null,
    heapLimit,
    reasons,
    baselinePoints: { time: baseline.time, value: baseline.value },
    fit: { interceptAtStart: fit.interceptAtStart, startTime: fit.startTime, endTime: fit.endTime },
    recentSlopeBytesPerHour: Number.isFinite(fit.recentSlopePerHour) ? fit.recentSlopePerHour : undefined,
    minGrowthBytesPerHour: minimumGrowthPerHour(heapLimit),
    restarts: segment.restarts,
    fittedPoints: fit.points,
  };
}

/** Applies the gates in order; every gate that fails adds its reason, the verdict follows the first failure. */
function judge(fit: TrendFit, heapLimit: number | undefined, reasons: string[]): 'leak' | 'ok' {
  const minimum = minimumGrowthPerHour(heapLimit);
  const significant = fit.pValue < LEAK_P_VALUE;
  const large = fit.slopePerHour >= minimum;
  const stillGrowing = !Number.isFinite(fit.recentSlopePerHour) || (fit.recentSlopePerHour > 0 && fit.recentSlopePerHour >= TAIL_MIN_SLOPE_RATIO * fit.slopePerHour);
  if (!significant) reasons.push(`no significant upward trend (Mann–Kendall ${pPhrase(fit.pValue)}, need < ${LEAK_P_VALUE})`);
  if (significant && !large) reasons.push(`growth below the minimum effect (${binaryUnits(fit.slopePerHour)}/h < ${binaryUnits(minimum)}/h)`);
  if (significant && large && !stillGrowing) reasons.push('plateau: the recent slope is flat, growth was warm-up');
  if (significant && large && stillGrowing) {
    reasons.unshift(`baseline grows ${binaryUnits(fit.slopePerHour)}/h (${pPhrase(fit.pValue)}, R² = ${fit.rSquared.toFixed(2)})`);
    return 'leak';
  }
  return 'ok';
}

/** Seconds until the Theil–Sen line reaches the limit, from the last fitted point; null when it cannot. */
function timeToLimit(fit: TrendFit, heapLimit: number | undefined): number | null {
  if (heapLimit === undefined || !(fit.slopePerHour > 0)) return null;
  const hoursFitted = (fit.endTime - fit.startTime) / 3_600_000;
  const current = fit.interceptAtStart + fit.slopePerHour * hoursFitted;
  return Math.max(0, ((heapLimit - current) / fit.slopePerHour) * 3600);
}

function insufficient(kind: Baseline['kind'], samples: number, spanSeconds: number, heapLimit: number | undefined, reasons: string[], baseline?: Baseline): HeapLeakResult {
  return {
    verdict: 'insufficient-data',
    baseline: kind,
    samples,
    spanSeconds,
    slopeBytesPerHour: Number.NaN,
    pValue: Number.NaN,
    rSquared: Number.NaN,
    timeToLimitSeconds: null,
    heapLimit,
    reasons,
    baselinePoints: baseline ? { time: baseline.time, value: baseline.value } : undefined,
  };
}

/** First to last raw sample (or GC event): what the input covers, whatever the baseline kept. */
function rawSpanSeconds(series: MemorySeries): number {
  const events = series.gcEvents ?? [];
  const first = Math.min(series.time[0] ?? Infinity, events[0]?.time ?? Infinity);
  const last = Math.max(series.time[series.time.length - 1] ?? -Infinity, events[events.length - 1]?.time ?? -Infinity);
  return Number.isFinite(first) && Number.isFinite(last) ? (last - first) / 1000 : 0;
}

/** p-values below the normal approximation's useful precision print as a bound. */
export function formatP(p: number): string {
  return p < 1e-6 ? '< 1e-6' : p.toPrecision(2);
}

function pPhrase(p: number): string {
  return p < 1e-6 ? 'p < 1e-6' : `p = ${p.toPrecision(2)}`;
}

/** MiB with one decimal, GiB past 10 GiB: reasons stay short whatever the rate. */
function binaryUnits(bytes: number): string {
  return Math.abs(bytes) >= 10 * 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1_048_576).toFixed(1)} MiB`;
}
