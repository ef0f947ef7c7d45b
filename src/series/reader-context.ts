// What every format reader receives (the file and shared options) and returns (series for one file).
import type { ProblemLog } from './problems.js';
import type { FieldTarget } from './sample-fields.js';
import type { MemorySeries, PoolSeries, SocketGroup } from './types.js';

export interface ReadContext {
  /** The path as the user gave it: used as `source` and in every message. */
  file: string;
  problems: ProblemLog;
  /** User metric names → meaning (`--metric name=column`), keyed by the name as it appears in the input. */
  metricMap: ReadonlyMap<string, FieldTarget>;
  /** Wall-clock start of the process for inputs with relative times (trace-gc), epoch ms. */
  start?: number;
  /** The file's modification time, epoch ms: the fallback anchor for relative times. */
  mtimeMs: number;
  /** When big line-based files are split across worker threads (absent: never). */
  parallel?: ParallelOptions;
}

export interface ParallelOptions {
  /** Files at least this big are split (smaller ones cost more in thread start-up than they gain). */
  minBytes: number;
  /** Threads, the calling one included; below 2, nothing is split. */
  threads: number;
}

export interface ReaderOutput {
  memory: MemorySeries[];
  pools: PoolSeries[];
  sockets: SocketGroup[];
}

export function emptyOutput(): ReaderOutput {
  return { memory: [], pools: [], sockets: [] };
}
