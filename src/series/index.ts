// Entry point of src/series: read metric files of any supported format into the Series model.
import { open, stat } from 'node:fs/promises';
import { fileError, InputError } from '../errors.js';
import { binaryOffset, detectFormat, SNIFF_BYTES, type SeriesFormat } from './detect-format.js';
import { resolveMetricMap } from './metric-map.js';
import { ProblemLog, type SeriesProblem } from './problems.js';
import { resolveParallelOptions } from './parallel-options.js';
import type { ParallelOptions, ReadContext, ReaderOutput } from './reader-context.js';
import { joinSnapshots } from './join-snapshots.js';
import { FORMAT_READERS } from './readers.js';
import type { MemorySeries, PoolSeries, SocketGroup } from './types.js';

export type { SeriesFormat } from './detect-format.js';
export { detectFormat, SERIES_FORMATS } from './detect-format.js';
export { parseMetricFlags } from './metric-map.js';
export { DEFAULT_QUERIES, isLoopbackHost, queryPrometheus, type PrometheusQueryOptions, type PrometheusQueryResult } from './prometheus-live.js';
export { SERVICE_BY_PORT } from './sockets.js';
export type { SeriesProblem } from './problems.js';
export type { GcEvent, MemoryColumn, MemorySeries, PoolSeries, SocketGroup } from './types.js';

export interface ReadSeriesOptions {
  /** Force a format instead of detecting it per file (`--format`). */
  format?: SeriesFormat;
  /** Wall-clock start of the process, epoch ms (`--start`): anchors trace-gc's "ms since isolate start". */
  start?: number;
  /**
   * Custom names → meaning (`--metric name=target`): a JSON field path or leaf, a CSV column, or a Prometheus
   * metric name, onto `heapUsed|heapTotal|rss|external|arrayBuffers|heapLimit|time|instance` or
   * `pool.<name>.<total|idle|inUse|waiting|max>`.
   */
  metricMap?: Readonly<Record<string, string>>;
  /**
   * Splitting big NDJSON and trace-gc files across threads: files of at least `minBytes` (default 64 MiB,
   * env `POOLDOC_PARALLEL_MIN_BYTES`) are read by `threads` threads (default: the CPUs, at most 4; env
   * `POOLDOC_THREADS`; 1 turns it off). The result is the same either way.
   */
  parallel?: Partial<ParallelOptions>;
}

/** What was read from one file. */
export interface SeriesFileInfo {
  file: string;
  format: SeriesFormat;
  bytes: number;
}

export interface SeriesReadResult {
  memory: MemorySeries[];
  pools: PoolSeries[];
  sockets: SocketGroup[];
  /** The first few unparseable lines per file, with line numbers (never silently dropped). */
  problems: SeriesProblem[];
  /** How many lines (or records) could not be used, over all files. */
  unparsedLines: number;
  files: SeriesFileInfo[];
}

/** Formats whose files are snapshots of one process and join across files into one series per instance. */
const JOINED_FORMATS = new Set<SeriesFormat>(['report', 'prometheus-text']);

async function sniff(file: string): Promise<{ head: Buffer; size: number; mtimeMs: number }> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const handle = await open(file, 'r');
    try {
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, info.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return { head: head.subarray(0, bytesRead), size: info.size, mtimeMs: info.mtimeMs };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileError(file, error);
  }
}

/**
 * Reads metric files into series: NDJSON / JSON samples, CSV (clinic's too), `--trace-gc[-nvp]` logs,
 * diagnostic reports, Prometheus text exposition and `query_range` JSON. Each file's format is detected
 * unless `options.format` forces one. Reports and Prometheus scrapes of the same instance across files are
 * joined into one series. Throws InputError (naming the file, and the line or byte when known) for a missing,
 * unreadable, empty, binary or unrecognised file, or one that yields no samples at all; lines that cannot be
 * parsed inside an otherwise good file are counted in `unparsedLines` and the first few listed in `problems`.
 */
export async function readSeries(paths: readonly string[], options: ReadSeriesOptions = {}): Promise<SeriesReadResult> {
  const metricMap = resolveMetricMap(options.metricMap);
  const problems = new ProblemLog();
  const result: SeriesReadResult = { memory: [], pools: [], sockets: [], problems: problems.kept, unparsedLines: 0, files: [] };
  const joined: { format: SeriesFormat; output: ReaderOutput }[] = [];
  const parallel = resolveParallelOptions(options.parallel);
  for (const file of paths) {
    const { head, size, mtimeMs } = await sniff(file);
    let format: SeriesFormat;
    if (options.format) format = options.format;
    else {
      const detected = detectFormat(head, file);
      if (detected === 'empty') throw new InputError('empty file, no samples', { file });
      if (detected === 'binary') throw new InputError('binary data, not a metrics file', { file, offset: Math.max(0, binaryOffset(head)) });
      if (detected === 'unrecognised') throw new InputError('unrecognised format: not NDJSON/JSON, CSV, trace-gc, diagnostic report or Prometheus (use --format to force one)', { file, line: 1 });
      format = detected;
    }
    if (size === 0) throw new InputError('empty file, no samples', { file });
    const context: ReadContext = { file, problems, metricMap, start: options.start, mtimeMs, parallel };
    const unparsedBefore = problems.unparsedLines;
    const firstProblem = problems.kept.length;
    const output = await FORMAT_READERS[format](context, size);
    if (output.memory.length === 0 && output.pools.length === 0 && output.sockets.length === 0) {
      const problem = problems.kept[firstProblem];
      const why = problems.unparsedLines > unparsedBefore ? `; ${problems.unparsedLines - unparsedBefore} unparseable line(s), first: ${problem?.message ?? ''}` : '';
      throw new InputError(`no samples found as ${format}${why}`, { file, line: problem?.line });
    }
    result.files.push({ file, format, bytes: size });
    if (JOINED_FORMATS.has(format)) joined.push({ format, output });
    else appendOutput(result, output);
  }
  for (const output of joinSnapshots(joined)) appendOutput(result, output);
  result.unparsedLines = problems.unparsedLines;
  return result;
}

function appendOutput(result: SeriesReadResult, output: ReaderOutput): void {
  result.memory.push(...output.memory);
  result.pools.push(...output.pools);
  result.sockets.push(...output.sockets);
}
