// Runs every detector over a set of series: the verdicts `trend` reports and `analyze` reuses on live samples.
import type { MemorySeries, PoolSeries } from '../series/types.js';
import type { Verdict } from '../findings.js';
import type { GcPressureResult, HeapLeakResult, NativeLeakResult, PoolPressureResult } from './types.js';
import { detectGcPressure } from './gc-pressure.js';
import { detectHeapLeak, type HeapLeakOptions } from './heap-leak.js';
import { detectNativeLeak } from './native-leak.js';
import { detectPoolPressure } from './pool-pressure.js';

export interface SeriesVerdict {
  source: string;
  /** The process within the source (`pid:isolate`, Prometheus instance, …). */
  name: string;
  /** Memory verdict: the worse of heap and native (leak, then growing), else the heap's. */
  verdict: Verdict;
  heap: HeapLeakResult;
  native: NativeLeakResult;
  gc: GcPressureResult;
}

export interface TrendVerdicts {
  series: SeriesVerdict[];
  pools: PoolPressureResult[];
}

export function detectTrends(memory: readonly MemorySeries[], pools: readonly PoolSeries[], options: HeapLeakOptions = {}): TrendVerdicts {
  return {
    series: memory.map((series) => judgeSeries(series, options)),
    pools: pools.map((pool) => detectPoolPressure(pool)),
  };
}

export function judgeSeries(series: MemorySeries, options: HeapLeakOptions = {}): SeriesVerdict {
  const heap = detectHeapLeak(series, options);
  const native = detectNativeLeak(series);
  const verdict = worstMemoryVerdict(heap.verdict, native.verdict);
  return { source: series.source, name: series.instance, verdict, heap, native, gc: detectGcPressure(series) };
}

/** leak beats growing beats the heap's own state: native memory adds findings, never hides the heap's. */
export function worstMemoryVerdict(heap: Verdict, native: Verdict): Verdict {
  if (heap === 'leak' || native === 'leak') return 'leak';
  if (heap === 'growing' || native === 'growing') return 'growing';
  return heap;
}

/**
 * True when any verdict is a finding (exit code 1): a leak, a saturated pool, or a pool leaking clients.
 * `growing` is a warning: reported with its rate and time to the limit, exit 0.
 */
export function hasFindings(verdicts: TrendVerdicts): boolean {
  return verdicts.series.some((series) => series.verdict === 'leak') || verdicts.pools.some((pool) => pool.verdict === 'saturated' || pool.verdict === 'leaking-clients');
}
