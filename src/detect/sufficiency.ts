// What would make an insufficient run sufficient: how long to run, from the points and the precision this one had.
import type { Baseline } from './baseline.js';
import type { TrendFit } from './fit.js';
import { MIN_BASELINE_POINTS } from './baseline.js';
import { WARMUP_FRACTION, WARMUP_MIN_MAJOR_GCS } from './segments.js';

/** Never advise less than this: fewer minutes rarely hold enough GC cycles of a real service (clinic asks ~10 s+). */
const MIN_ADVISED_SECONDS = 180;

/** "run ≥ N min": enough baseline points at the rate this run produced them, warm-up included. */
export function longerRunForPoints(baseline: Baseline, spanSeconds: number): string {
  const perSecond = spanSeconds > 0 ? baseline.time.length / spanSeconds : 0;
  const needed = MIN_BASELINE_POINTS + (baseline.kind === 'post-gc' ? WARMUP_MIN_MAJOR_GCS : 0);
  const seconds = perSecond > 0 ? needed / perSecond / (1 - WARMUP_FRACTION) : Infinity;
  const hint = baseline.kind === 'post-gc' || baseline.kind === 'scavenge-floor' ? '' : ' (or record with --trace-gc)';
  return `run ≥ ${advise(Number.isFinite(seconds) ? Math.max(seconds, 1.5 * spanSeconds) : MIN_ADVISED_SECONDS)}${hint}`;
}

/**
 * "run ≥ N min to tell": Sen's interval narrows as span^-1.5 at a steady sampling rate (the slope's standard error
 * of n evenly spaced points falls as n^-1.5), so the span that brings the upper bound under the leak line follows.
 */
export function longerRunForPrecision(fit: TrendFit, leakRate: number, raw: boolean): string {
  const span = Math.max(fit.spanSeconds, 1);
  const ratio = leakRate > 0 ? fit.interval[1] / leakRate : 3;
  const seconds = Math.max(1.5 * span, span * Math.pow(Math.max(ratio, 1), 2 / 3));
  return `run ≥ ${advise(seconds)} to tell${raw ? ', so that samples span whole GC cycles (or record with --trace-gc)' : ''}`;
}

function advise(seconds: number): string {
  const wanted = Math.max(MIN_ADVISED_SECONDS, seconds);
  if (wanted >= 2 * 3600) return `${Math.ceil(wanted / 3600)} h`;
  return `${Math.ceil(wanted / 60)} min`;
}
