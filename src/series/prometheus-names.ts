// Prometheus metric names → meaning: prom-client, OpenTelemetry as exported, Datadog, and pool counters.
import { memoryColumnFor, normalizeKey, poolCounterFor, type FieldTarget, type PoolCounter } from './sample-fields.js';
import type { MemoryColumn } from './types.js';

/** A metric's meaning, and whether samples of one instance and time add up (per-space OTel gauges). */
export type MetricMeaning =
  | { kind: 'memory'; column: MemoryColumn; sum: boolean }
  | { kind: 'processStart' }
  | { kind: 'pool'; counter: PoolCounter; library: string; stateLabel?: string };

/** OTel runtime metrics are per heap space (`v8js_heap_space_name`): the process total is their sum. */
const SUMMED_PREFIX = 'v8js_';
const PROCESS_START = new Set(['process_start_time_seconds', 'process_start_time']);

/** OTel DB-client pool gauges (current and older names), exported with dots as underscores. */
const OTEL_POOL: Record<string, { counter?: PoolCounter; stateLabel?: string }> = {
  db_client_connection_count: { stateLabel: 'db_client_connection_state' },
  db_client_connections_usage: { stateLabel: 'state' },
  db_client_connection_max: { counter: 'max' },
  db_client_connection_limit: { counter: 'max' },
  db_client_connections_max: { counter: 'max' },
  db_client_connection_pending_requests: { counter: 'waiting' },
  db_client_connections_pending_requests: { counter: 'waiting' },
};

/** HikariCP's Prometheus collector and pgbouncer_exporter, for fleets that mix stacks. */
const NAMED_POOL: Record<string, { counter: PoolCounter; library: string }> = {
  hikaricp_active_connections: { counter: 'inUse', library: 'hikaricp' },
  hikaricp_idle_connections: { counter: 'idle', library: 'hikaricp' },
  hikaricp_pending_threads: { counter: 'waiting', library: 'hikaricp' },
  hikaricp_connections: { counter: 'total', library: 'hikaricp' },
  hikaricp_max_connections: { counter: 'max', library: 'hikaricp' },
  pgbouncer_pools_client_waiting_connections: { counter: 'waiting', library: 'pgbouncer' },
  pgbouncer_pools_server_active_connections: { counter: 'inUse', library: 'pgbouncer' },
  pgbouncer_pools_server_idle_connections: { counter: 'idle', library: 'pgbouncer' },
};

/** Words after the counter that carry no meaning (`pg_pool_waiting_connections`, `…_pending_requests`). */
const NOISE_SUFFIXES = /_(connections|connection|clients|requests|threads|count|resources)$/;
/** Cumulative counters (`…_created_total`) are not pool state. */
const CUMULATIVE_SUFFIX = /_(total|created|bucket|sum)$/;
/** `<library>_pool_<counter>`: pg_pool_*, generic_pool_*, tarn_pool_*, knex_pool_*, myapp_db_pool_*. */
const POOL_NAME = /^(?:(.*?)_)?pool_(.+)$/;

/** Libraries whose name prefixes a pool metric, so the series says which library it is. */
const KNOWN_LIBRARIES: Record<string, string> = { pg: 'pg', generic: 'generic-pool', tarn: 'tarn', knex: 'knex', mysql: 'mysql2', mysql2: 'mysql2', redis: 'ioredis' };

/** The meaning of a metric name (a user map wins), or undefined for metrics pooldoc does not use. */
export function metricMeaning(rawName: string, metricMap: ReadonlyMap<string, FieldTarget>): MetricMeaning | undefined {
  const mapped = metricMap.get(rawName);
  if (mapped?.kind === 'memory') return { kind: 'memory', column: mapped.column, sum: false };
  if (mapped?.kind === 'pool') return { kind: 'pool', counter: mapped.counter, library: mapped.pool };
  // Datadog and OTel names may arrive dotted; Prometheus spells them with underscores.
  const name = rawName.replace(/\./g, '_');
  if (PROCESS_START.has(name)) return { kind: 'processStart' };
  const otel = OTEL_POOL[name];
  if (otel) return { kind: 'pool', counter: otel.counter ?? 'inUse', library: 'otel', stateLabel: otel.stateLabel };
  const named = NAMED_POOL[name];
  if (named) return { kind: 'pool', ...named };
  const column = memoryColumnFor(name);
  if (column) return { kind: 'memory', column, sum: name.startsWith(SUMMED_PREFIX) };
  const pool = POOL_NAME.exec(name);
  if (pool && !CUMULATIVE_SUFFIX.test(name)) {
    const counter = poolCounterFor(pool[2].replace(NOISE_SUFFIXES, '')) ?? poolCounterFor(normalizeKey(pool[2]));
    if (counter) {
      const prefix = pool[1] ?? 'pool';
      return { kind: 'pool', counter, library: KNOWN_LIBRARIES[prefix] ?? prefix };
    }
  }
  return undefined;
}

/** `state="idle"|"used"` of OTel connection counts → the counter it is. */
export function counterForState(state: string | undefined): PoolCounter | undefined {
  if (state === 'idle') return 'idle';
  if (state === 'used' || state === 'active' || state === 'in_use') return 'inUse';
  return undefined;
}

/** Labels that tell one process from another, in order of preference. */
export const INSTANCE_LABELS = ['instance', 'pod', 'hostname', 'host_name', 'service_instance_id', 'job'];
/** Labels that tell pools of one process apart. */
export const POOL_LABELS = ['pool', 'pool_name', 'db_client_connection_pool_name', 'name', 'host', 'database', 'db', 'user'];
