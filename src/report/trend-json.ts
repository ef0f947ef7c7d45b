// The `trend --json` result: detector verdicts flattened into the documented shape, NaN as null, no typed arrays.
import type { SeriesVerdict, TrendVerdicts } from '../detect/trend.js';
import type { GcPressureResult, HeapLeakResult, NativeLeakResult, PoolPressureResult } from '../detect/types.js';
import type { Verdict } from '../findings.js';

export interface TrendSeriesJson {
  source: string;
  name: string;
  samples: number;
  spanSeconds: number;
  baseline: HeapLeakResult['baseline'];
  slopeBytesPerHour: number | null;
  slopeInterval: [number, number] | null;
  pValue: number | null;
  rSquared: number | null;
  /** Memory verdict: the worse of the heap's and native memory's (leak, then growing). */
  verdict: Verdict;
  heapVerdict: Verdict;
  timeToLimitSeconds: number | null;
  heapLimit: number | null;
  recentSlopeBytesPerHour: number | null;
  minGrowthBytesPerHour: number | null;
  /** True when the limit was unknown and the projection assumed V8's default. */
  heapLimitAssumed: boolean;
  /** Growth reaching the limit within this many seconds is `leak`; slower certain growth `growing`. */
  horizonSeconds: number | null;
  /** A level that stepped up and held: bytes and epoch ms. */
  step: { bytes: number; at: number } | null;
  restarts: number;
  reasons: string[];
  native: NativeLeakResult;
  gcPressure: GcPressureResult;
}

export interface TrendProblemJson {
  file: string;
  line: number;
  message: string;
}

export interface TrendResult {
  series: TrendSeriesJson[];
  pools: PoolPressureResult[];
  sockets: Array<{ remote: string; service?: string; count: number }>;
  files: Array<{ file: string; format: string; bytes: number }>;
  /** The first few unparseable lines per file, and how many lines could not be used in all. */
  problems: TrendProblemJson[];
  unparsedLines: number;
  /** True when the exit code is 1: a leak, a saturated pool or a pool leaking clients. */
  findings: boolean;
}

/** NaN and ±Infinity are not JSON: they become null, which consumers can test for. */
export function finiteOrNull(value: number | undefined | null): number | null {
  return value !== undefined && value !== null && Number.isFinite(value) ? value : null;
}

export function seriesJson(entry: SeriesVerdict): TrendSeriesJson {
  const heap = entry.heap;
  const interval = heap.slopeInterval && heap.slopeInterval.every(Number.isFinite) ? heap.slopeInterval : null;
  return {
    source: entry.source,
    name: entry.name,
    samples: heap.samples,
    spanSeconds: heap.spanSeconds,
    baseline: heap.baseline,
    slopeBytesPerHour: finiteOrNull(heap.slopeBytesPerHour),
    slopeInterval: interval,
    pValue: finiteOrNull(heap.pValue),
    rSquared: finiteOrNull(heap.rSquared),
    verdict: entry.verdict,
    heapVerdict: heap.verdict,
    timeToLimitSeconds: finiteOrNull(heap.timeToLimitSeconds),
    heapLimit: finiteOrNull(heap.heapLimit),
    recentSlopeBytesPerHour: finiteOrNull(heap.recentSlopeBytesPerHour),
    minGrowthBytesPerHour: finiteOrNull(heap.minGrowthBytesPerHour),
    heapLimitAssumed: heap.heapLimitAssumed ?? false,
    horizonSeconds: finiteOrNull(heap.horizonSeconds),
    step: heap.step ?? null,
    restarts: heap.restarts ?? 0,
    reasons: [...heap.reasons, ...(entry.native.verdict === 'leak' || entry.native.verdict === 'growing' ? entry.native.reasons : [])],
    native: entry.native,
    gcPressure: entry.gc,
  };
}

export function trendJson(verdicts: TrendVerdicts, read: Pick<TrendResult, 'sockets' | 'files' | 'problems' | 'unparsedLines'>, findings: boolean): TrendResult {
  return {
    series: verdicts.series.map(seriesJson),
    pools: verdicts.pools,
    sockets: read.sockets,
    files: read.files,
    problems: read.problems,
    unparsedLines: read.unparsedLines,
    findings,
  };
}
