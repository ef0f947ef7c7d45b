// GC-pressure detector: how much of wall time the process spends paused in garbage collection.
//
// Inputs: GC events (pause per collection) of one MemorySeries; the span from its samples or events.
// States: pressure | ok | insufficient-data.
import type { MemorySeries } from '../series/types.js';
import type { GcPressureResult } from './types.js';

/**
 * clinic doctor flags memory as a performance problem when blocking GC in a 1-second window reaches 100 ms
 * (node-clinic-doctor analysis/analyse-memory.js). One long pause is a latency blip, so pooldoc requires it on
 * average over the whole span: ≥ 100 ms of pause per second is 10 % of wall time lost to GC.
 */
export const GC_PRESSURE_MS_PER_SECOND = 100;
/** Windows of one second, as clinic sums them. */
const WINDOW_MS = 1000;
/** Fewer than 10 one-second windows is too short to call pressure "sustained". */
export const GC_MIN_SPAN_SECONDS = 10;

export function detectGcPressure(series: MemorySeries): GcPressureResult {
  const events = series.gcEvents ?? [];
  const first = Math.min(events[0]?.time ?? Infinity, series.time[0] ?? Infinity);
  const last = Math.max(events[events.length - 1]?.time ?? -Infinity, series.time[series.time.length - 1] ?? -Infinity);
  const spanSeconds = Number.isFinite(first) && Number.isFinite(last) ? (last - first) / 1000 : 0;
  const base = { events: events.length, spanSeconds, meanPauseMsPerSecond: Number.NaN, maxPauseMsPerSecond: Number.NaN, busyWindowShare: Number.NaN };
  if (events.length === 0) return { verdict: 'insufficient-data', ...base, reasons: ['no GC events in this source (use --trace-gc logs)'] };
  if (spanSeconds < GC_MIN_SPAN_SECONDS) return { verdict: 'insufficient-data', ...base, reasons: [`span ${spanSeconds.toFixed(1)} s is shorter than ${GC_MIN_SPAN_SECONDS} s`] };

  const windows = new Float64Array(Math.floor((last - first) / WINDOW_MS) + 1);
  let totalPause = 0;
  for (const event of events) {
    const pause = Number.isFinite(event.pauseMs) ? event.pauseMs : 0;
    windows[Math.floor((event.time - first) / WINDOW_MS)] += pause;
    totalPause += pause;
  }
  let worst = 0;
  let busy = 0;
  for (const pause of windows) {
    if (pause > worst) worst = pause;
    if (pause >= GC_PRESSURE_MS_PER_SECOND) busy++;
  }
  const mean = totalPause / spanSeconds;
  const verdict = mean >= GC_PRESSURE_MS_PER_SECOND ? 'pressure' : 'ok';
  const reasons = [`${mean.toFixed(1)} ms/s in GC on average (threshold ${GC_PRESSURE_MS_PER_SECOND} ms/s), worst second ${worst.toFixed(0)} ms`];
  return { verdict, events: events.length, spanSeconds, meanPauseMsPerSecond: mean, maxPauseMsPerSecond: worst, busyWindowShare: busy / windows.length, reasons };
}
