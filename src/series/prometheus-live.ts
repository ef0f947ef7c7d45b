// A live Prometheus server: query_range over HTTP, one memory series per `instance`, pool counters too.
import { InputError, PooldocError } from '../errors.js';
import { resolveMetricMap } from './metric-map.js';
import { ProblemLog, type SeriesProblem } from './problems.js';
import { PrometheusSeriesBuilder } from './prometheus-builder.js';
import { addRangeResponse } from './prometheus-range.js';
import type { ReadContext } from './reader-context.js';
import { memoryColumnFor } from './sample-fields.js';
import type { MemoryColumn, MemorySeries, PoolSeries } from './types.js';

/**
 * The default query set: selectors (not expressions) so every result keeps its __name__ and goes through
 * the same name table as files. OTel per-space gauges are summed per instance by the reader.
 */
export const DEFAULT_QUERIES = [
  '{__name__=~"nodejs_heap_size_used_bytes|nodejs_heap_size_total_bytes|nodejs_external_memory_bytes|process_resident_memory_bytes|process_start_time_seconds"}',
  '{__name__=~"v8js_memory_heap_used_bytes|v8js_memory_heap_limit_bytes"}',
  '{__name__=~"pg_pool_.+|db_client_connection_.+|db_client_connections_.+|hikaricp_.+_connections|hikaricp_pending_threads|generic_pool_.+|tarn_pool_.+|knex_pool_.+"}',
];

/** Prometheus refuses ranges over 11,000 points per series (api.md); stay under it. */
const MAX_POINTS_PER_SERIES = 11_000;
/** Default resolution: fine enough for slopes over hours, coarse enough to be cheap. */
const DEFAULT_STEP_SECONDS = 15;
/** A query that has not answered in this long is not going to (the server is wedged or far away). */
const QUERY_TIMEOUT_MS = 60_000;

export interface PrometheusQueryOptions {
  /** A PromQL expression instead of the default set; results without __name__ are read as `column`. */
  query?: string;
  /** What a custom query's results mean when they have no __name__ (default heapUsed). */
  column?: MemoryColumn;
  /** How far back, seconds. */
  since: number;
  /** Resolution, seconds (raised when the range would exceed Prometheus's point limit). */
  step?: number;
  /** The end of the range, epoch ms (default now). */
  end?: number;
  /** Querying a non-loopback server is refused unless the user says so (security rule). */
  allowRemote?: boolean;
  metricMap?: Readonly<Record<string, string>>;
}

export interface PrometheusQueryResult {
  memory: MemorySeries[];
  pools: PoolSeries[];
  problems: SeriesProblem[];
  unparsedLines: number;
  queries: string[];
}

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

async function fetchRange(base: URL, query: string, startSeconds: number, endSeconds: number, step: number): Promise<unknown> {
  const url = new URL('api/v1/query_range', base.href.endsWith('/') ? base : new URL(`${base.href}/`));
  url.search = new URLSearchParams({ query, start: String(startSeconds), end: String(endSeconds), step: String(step) }).toString();
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(QUERY_TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (error) {
    throw new PooldocError(`cannot reach Prometheus at ${base.origin}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`, undefined, { cause: error });
  }
  const text = await response.text();
  let body: { error?: string };
  try {
    body = JSON.parse(text);
  } catch {
    throw new InputError(`Prometheus at ${base.origin} answered ${response.status} with non-JSON: ${text.slice(0, 80)}`, { file: url.pathname });
  }
  if (!response.ok) throw new InputError(`Prometheus refused the query (${response.status}): ${body.error ?? text.slice(0, 120)}`, { file: query });
  return body;
}

/**
 * Reads memory and pool series from a live Prometheus `url` over the last `since` seconds. Loopback only
 * unless `allowRemote`. One memory series per instance label (process restarts marked from
 * process_start_time_seconds), one pool series per pool labels. Throws PooldocError when unreachable.
 */
export async function queryPrometheus(url: string, options: PrometheusQueryOptions): Promise<PrometheusQueryResult> {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new InputError(`not a URL: ${url}`);
  }
  if (!options.allowRemote && !isLoopbackHost(base.hostname)) {
    throw new PooldocError(`refusing to query ${base.host}: only loopback Prometheus servers unless remote access is explicitly allowed`);
  }
  const endSeconds = (options.end ?? Date.now()) / 1000;
  const startSeconds = endSeconds - options.since;
  const step = Math.max(options.step ?? DEFAULT_STEP_SECONDS, Math.ceil(options.since / MAX_POINTS_PER_SERIES));
  const problems = new ProblemLog();
  const context: ReadContext = { file: base.origin, problems, metricMap: resolveMetricMap(options.metricMap), mtimeMs: Date.now() };
  const builder = new PrometheusSeriesBuilder(base.origin, base.host, context.metricMap);
  const queries = options.query ? [options.query] : DEFAULT_QUERIES;
  const fallbackColumn = options.column ?? memoryColumnFor(options.query ?? '') ?? 'heapUsed';
  for (const query of queries) {
    const response = await fetchRange(base, query, startSeconds, endSeconds, step);
    addRangeResponse(response, builder, context, options.query ? { kind: 'memory', column: fallbackColumn, sum: false } : undefined);
  }
  return { ...builder.finish(), problems: problems.kept, unparsedLines: problems.unparsedLines, queries };
}
