// The lines of a heap trend chart (raw heap, baseline, Theil–Sen fit), shared by the terminal and HTML reports.
import type { HeapLeakResult } from '../detect/types.js';
import type { MemorySeries, PoolSeries } from '../series/types.js';
import { formatBytes } from './format.js';
import type { PlotLine } from './plot-points.js';

const MS_PER_HOUR = 3_600_000;

export function heapChartLines(series: MemorySeries, heap: HeapLeakResult): PlotLine[] {
  const lines: PlotLine[] = [];
  const heapUsed = series.columns.heapUsed;
  if (heapUsed && heapUsed.length > 0) lines.push({ label: 'heap used', x: series.time, y: heapUsed, role: 'raw' });
  else if (series.gcEvents?.length) {
    // trace-gc only: the heap before each collection is the top of the sawtooth.
    lines.push({ label: 'heap before GC', x: series.gcEvents.map((event) => event.time), y: series.gcEvents.map((event) => event.heapBefore), role: 'raw' });
  }
  if (heap.baselinePoints && heap.baselinePoints.time.length > 0) {
    lines.push({ label: heap.baseline === 'post-gc' ? 'after major GC' : 'baseline (window minima)', x: heap.baselinePoints.time, y: heap.baselinePoints.value, role: 'baseline' });
  }
  if (heap.fit && Number.isFinite(heap.slopeBytesPerHour)) {
    const end = heap.fit.endTime ?? heap.fit.startTime;
    const at = (time: number) => heap.fit!.interceptAtStart + (heap.slopeBytesPerHour * (time - heap.fit!.startTime)) / MS_PER_HOUR;
    lines.push({ label: `fit ${formatBytes(heap.slopeBytesPerHour)}/h`, x: [heap.fit.startTime, end], y: [at(heap.fit.startTime), at(end)], role: 'fit' });
  }
  return lines;
}

/** A pool over time: in use (the evidence), its max (the limit) and the waiting queue (context). */
export function poolChartLines(pool: PoolSeries): PlotLine[] {
  const lines: PlotLine[] = [];
  const inUse = pool.inUse ?? (pool.total && pool.idle ? Float64Array.from(pool.total, (value, index) => value - pool.idle![index]) : undefined);
  if (pool.waiting) lines.push({ label: 'waiting', x: pool.time, y: pool.waiting, role: 'raw' });
  if (pool.max) lines.push({ label: 'max', x: pool.time, y: pool.max, role: 'limit' });
  if (inUse) lines.push({ label: 'in use', x: pool.time, y: inUse, role: 'baseline' });
  return lines;
}

/** Chart x labels: UTC wall-clock time, with the date when the span crosses days. */
export function formatChartTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(5, 10)} ${iso.slice(11, 19)}Z`;
}
