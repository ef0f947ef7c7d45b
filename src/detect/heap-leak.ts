// Heap-leak detector: is the live heap (the baseline under the GC sawtooth) growing, how fast, how sure, until when.
//
// Inputs: one MemorySeries (heapUsed samples and/or GC events; heapLimit column or option; restart markers).
// States: leak (reaches the heap limit within the horizon) | growing (certain but slower growth, or a step that held:
// a warning) | ok | insufficient-data (says what would be enough). Thresholds live in thresholds.ts, baseline.ts,
// step.ts and sufficiency.ts with their sources.
import type { MemorySeries } from '../series/types.js';
import type { HeapLeakResult } from './types.js';
import { heapBaseline, MIN_BASELINE_POINTS, type Baseline } from './baseline.js';
import { fitTrend, type TrendFit } from './fit.js';
import { fitSegment } from './segments.js';
import { lastFinite } from './series-values.js';
import { findStep } from './step.js';
import { confirmedByMajors } from './scavenge-floor.js';
import { longerRunForPoints, longerRunForPrecision } from './sufficiency.js';
import { DEFAULT_LEAK_HORIZON_SECONDS, LEAK_P_VALUE, leakRatePerHour, MIN_GROWING_BYTES_PER_HOUR, MIN_SAMPLED_GROWTH_SPAN_SECONDS, MIN_GC_GROWTH_SPAN_SECONDS, MIN_PLATEAU_SPAN_SECONDS, projectionLimit, TAIL_MIN_SLOPE_RATIO } from './thresholds.js';
import { formatBytes as formatSize, formatRate as formatRatePerHour } from '../units.js';

export interface HeapLeakOptions {
  /** Heap limit in bytes when the series has no heapLimit column (e.g. from --max-old-space-size). */
  heapLimit?: number;
  /** Restart times (epoch ms) known from elsewhere, added to the series' own markers. */
  restarts?: readonly number[];
  /** Growth that reaches the limit within this many seconds is a leak; slower certain growth is `growing`. */
  horizonSeconds?: number;
}

export function detectHeapLeak(series: MemorySeries, options: HeapLeakOptions = {}): HeapLeakResult {
  const knownLimit = lastFinite(series.columns.heapLimit) ?? options.heapLimit;
  const horizonSeconds = options.horizonSeconds ?? DEFAULT_LEAK_HORIZON_SECONDS;
  const baseline = heapBaseline(series);
  const samples = series.time.length > 0 ? series.time.length : (series.gcEvents?.length ?? 0);
  const spanSeconds = rawSpanSeconds(series);
  if (!baseline) return insufficient('raw', samples, spanSeconds, knownLimit, ['no heap samples or GC events in this series']);
  const segment = fitSegment(baseline, [...(series.restarts ?? []), ...(options.restarts ?? [])]);
  const points = segment.end - segment.start;
  if (points < MIN_BASELINE_POINTS) {
    const why = `only ${points} baseline points after restarts and warm-up (need ${MIN_BASELINE_POINTS}); ${longerRunForPoints(baseline, spanSeconds)}`;
    return insufficient(baseline.kind, samples, spanSeconds, knownLimit, baseline.note ? [why, baseline.note] : [why], baseline);
  }
  const fit = fitTrend(baseline.time, baseline.value, segment.start, segment.end);
  const { limit, assumed } = projectionLimit(knownLimit);
  const current = fit.interceptAtStart + fit.slopePerHour * ((fit.endTime - fit.startTime) / 3_600_000);
  const leakRate = leakRatePerHour(limit, current, horizonSeconds);
  const judged = judge(fit, baseline, segment.start, segment.end, leakRate);
  const reasons = judged.reasons;
  if (segment.restarts > 0) reasons.push(`${segment.restarts} restart(s): fitted the longest segment`);
  if (baseline.note && judged.verdict !== 'leak') reasons.push(baseline.note);
  const flagged = judged.verdict === 'leak' || judged.verdict === 'growing';
  const timeToLimitSeconds = flagged && fit.slopePerHour > 0 ? Math.max(0, ((limit - current) / fit.slopePerHour) * 3600) : null;
  if (flagged && assumed) reasons.push(`heap limit unknown: projected against ${formatSize(limit)} (V8's default on 64-bit); pass --heap-limit`);
  let verdict = judged.verdict;
  // The line between leak and growing: does the growth reach the limit within the horizon?
  if (verdict === 'leak' && timeToLimitSeconds !== null && timeToLimitSeconds > horizonSeconds) verdict = 'growing';
  return {
    verdict,
    baseline: baseline.kind,
    samples,
    spanSeconds,
    slopeBytesPerHour: fit.slopePerHour,
    slopeInterval: fit.interval,
    pValue: fit.pValue,
    rSquared: fit.rSquared,
    timeToLimitSeconds,
    heapLimit: knownLimit,
    heapLimitAssumed: assumed,
    horizonSeconds,
    reasons,
    baselinePoints: { time: baseline.time, value: baseline.value },
    fit: { interceptAtStart: fit.interceptAtStart, startTime: fit.startTime, endTime: fit.endTime },
    recentSlopeBytesPerHour: Number.isFinite(fit.recentSlopePerHour) ? fit.recentSlopePerHour : undefined,
    minGrowthBytesPerHour: leakRate,
    restarts: segment.restarts,
    fittedPoints: fit.points,
    step: judged.step,
  };
}

interface Judgement {
  /** `leak` here means "certain growth"; the caller turns it into `growing` when the limit is beyond the horizon. */
  verdict: HeapLeakResult['verdict'];
  reasons: string[];
  step?: { bytes: number; at: number };
}

/** The gates in order; the first that decides gives the verdict and its reason. */
function judge(fit: TrendFit, baseline: Baseline, start: number, end: number, leakRate: number): Judgement {
  const rate = formatRatePerHour(fit.slopePerHour);
  // Certain: Mann–Kendall says increasing and Sen's interval excludes zero (both rank-based, robust to outliers).
  const significant = fit.pValue < LEAK_P_VALUE && fit.interval[0] > 0;
  const stillGrowing = !Number.isFinite(fit.recentSlopePerHour) || (fit.recentSlopePerHour > 0 && fit.recentSlopePerHour >= TAIL_MIN_SLOPE_RATIO * fit.slopePerHour);
  const evidence = `${pPhrase(fit.pValue)}, 95 % interval ${formatRatePerHour(fit.interval[0])}…${formatRatePerHour(fit.interval[1])}, R² = ${fit.rSquared.toFixed(2)}`;
  if (significant && stillGrowing && fit.slopePerHour >= MIN_GROWING_BYTES_PER_HOUR) {
    if (baseline.kind === 'raw') {
      return { verdict: 'insufficient-data', reasons: [`the heap rose ${rate} but no GC cycle shows in these ${fit.points} samples, so the rise may be garbage; ${longerRunForPrecision(fit, 0, true)}`] };
    }
    const fittedSeconds = (fit.endTime - fit.startTime) / 1000;
    // Scavenges show the growth survived collections, but a process's first minute (warm-up, a cache filling) still
    // looks like a leak: a minute of them is the least (bench/verdicts: healthy 30 s trace-gc windows were flagged).
    // (A post-gc baseline has ten majors or more, which a first minute does not fake: it is left to the other gates.)
    if (baseline.kind === 'scavenge-floor' && fittedSeconds < MIN_GC_GROWTH_SPAN_SECONDS) {
      return { verdict: 'insufficient-data', reasons: [`the floor of the collections' end sizes rose ${rate} over ${Math.round(fittedSeconds)} s: too short to tell a leak from warm-up; record longer (≥ 90 s)`] };
    }
    if (baseline.kind === 'rolling-min' && fittedSeconds < MIN_SAMPLED_GROWTH_SPAN_SECONDS) {
      return { verdict: 'insufficient-data', reasons: [`the heap baseline rose ${rate} over ${Math.round((fit.endTime - fit.startTime) / 1000)} s, but in a run this short a leak, a process warming up and a cache filling to its bound look alike; run ≥ 3 min (or record with --trace-gc)`] };
    }
    if (baseline.kind === 'scavenge-floor') {
      const check = confirmedByMajors(baseline, fit);
      if (!check.confirmed) return { verdict: check.enoughMajors ? 'ok' : 'insufficient-data', reasons: [check.reason] };
    }
    return { verdict: 'leak', reasons: [`baseline grows ${rate} (${evidence})`] };
  }
  if (significant && fit.slopePerHour >= MIN_GROWING_BYTES_PER_HOUR && baseline.kind !== 'raw') {
    // Grew, then held: a warm-up ramp is fine, a flat level that stepped up and stayed is worth a warning.
    const step = findStep(baseline.time, baseline.value, start, end);
    if (step && (baseline.kind !== 'scavenge-floor' || confirmedByMajors(baseline, fit).confirmed)) {
      return { verdict: 'growing', step, reasons: [`baseline stepped up ${formatSize(step.bytes)} at ${new Date(step.at).toISOString()} and held: a one-off allocation that stayed (a cache filled, a large object kept)`] };
    }
    // A run of minutes that rose and went flat at its end may be a leak that paused (a burst of work): `ok` only
    // where the flat part is long (bench/verdicts: 30–100 MB/h leaks read as "plateau" in 90–180 s windows).
    if ((fit.endTime - fit.startTime) / 1000 < MIN_PLATEAU_SPAN_SECONDS) {
      return { verdict: 'insufficient-data', reasons: [`grew ${rate}, then held at the end: warm-up or a leak that paused; run ≥ ${Math.round(MIN_PLATEAU_SPAN_SECONDS / 60)} min to tell`] };
    }
    return { verdict: 'ok', reasons: [`grew ${rate} early, then held (plateau: the recent slope is flat): warm-up, not a leak`] };
  }
  if (significant && fit.slopePerHour > 0) {
    return { verdict: 'ok', reasons: [`drifts ${rate} (${pPhrase(fit.pValue)}): below ${formatRatePerHour(MIN_GROWING_BYTES_PER_HOUR)}, too slow to matter or to tell from code warming up`] };
  }
  // Not certain growth. `ok` claims that no leak reaching the limit within the horizon is hiding in the noise.
  if (fit.interval[1] >= leakRate) {
    return { verdict: 'insufficient-data', reasons: [`no certain trend yet, but growth up to ${formatRatePerHour(fit.interval[1])} (the leak line is ${formatRatePerHour(leakRate)}) cannot be ruled out from ${fit.points} points; ${longerRunForPrecision(fit, leakRate, baseline.kind === 'raw')}`] };
  }
  return { verdict: 'ok', reasons: [`no significant upward trend (Mann–Kendall ${pPhrase(fit.pValue)}; slope ${rate}, at most ${formatRatePerHour(fit.interval[1])} at 95 %)`] };
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
