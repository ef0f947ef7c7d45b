// Memory samples of the target: process.memoryUsage() and V8 heap statistics in one evaluation, optionally
// after a forced GC, accumulated into the MemorySeries the heap-leak detector reads.
import type { GcEvent, MemoryColumn, MemorySeries } from '../series/types.js';
import type { CdpSession } from './cdp-session.js';
import { evaluateValue } from './evaluate.js';

export interface MemorySample {
  time: number;
  heapUsed: number;
  heapTotal: number;
  rss: number;
  external: number;
  arrayBuffers: number;
  heapLimit?: number;
}

/** A stuck target must not stall the sampler: a plain read answers in well under this. */
export const SAMPLE_TIMEOUT_MS = 2000;

/**
 * v8.getHeapStatistics() through process.getBuiltinModule (Node 20.16+) needs no console API; older targets
 * fall back to the heap limit read once with `require` (see readHeapLimitFallback).
 */
const MEMORY_EXPRESSION = `(() => {
  const m = process.memoryUsage();
  const v8 = process.getBuiltinModule ? process.getBuiltinModule('v8') : null;
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers,
    heapLimit: v8 ? v8.getHeapStatistics().heap_size_limit : undefined };
})()`;

export async function readMemory(session: CdpSession, options: { gc?: boolean; heapLimit?: number } = {}): Promise<MemorySample> {
  if (options.gc) await session.send('HeapProfiler.collectGarbage', {}, { timeoutMs: 30_000 });
  const value = await evaluateValue<Omit<MemorySample, 'time'>>(session, MEMORY_EXPRESSION, { timeoutMs: SAMPLE_TIMEOUT_MS });
  return { ...value, heapLimit: value.heapLimit ?? options.heapLimit, time: Date.now() };
}

/** Heap limit on targets without process.getBuiltinModule: `require` exists only with the console API. */
export async function readHeapLimitFallback(session: CdpSession): Promise<number | undefined> {
  return evaluateValue<number>(session, `require('v8').getHeapStatistics().heap_size_limit`, { commandLineApi: true, timeoutMs: SAMPLE_TIMEOUT_MS }).catch(() => undefined);
}

const COLUMNS: MemoryColumn[] = ['heapUsed', 'heapTotal', 'rss', 'external', 'arrayBuffers', 'heapLimit'];

export class MemorySeriesBuilder {
  readonly samples: MemorySample[] = [];

  push(sample: MemorySample): void {
    this.samples.push(sample);
  }

  get last(): MemorySample | undefined {
    return this.samples[this.samples.length - 1];
  }

  /**
   * `gcEvents`: the target's own collections (they give the post-GC baseline). `processStart` (epoch ms) is the
   * same for every sample of one attached run: the restart evidence is that it never changes, so no marker is set.
   */
  toSeries(source: string, instance: string, extra: { gcEvents?: GcEvent[]; processStart?: number } = {}): MemorySeries {
    const columns: MemorySeries['columns'] = {};
    for (const column of COLUMNS) {
      if (this.samples.some((sample) => sample[column] === undefined)) continue;
      columns[column] = Float64Array.from(this.samples, (sample) => sample[column]!);
    }
    const series: MemorySeries = { source, instance, time: Float64Array.from(this.samples, (sample) => sample.time), columns };
    if (extra.gcEvents) series.gcEvents = [...extra.gcEvents].sort((a, b) => a.time - b.time);
    if (extra.processStart !== undefined) series.processStart = new Float64Array(this.samples.length).fill(extra.processStart);
    return series;
  }
}
