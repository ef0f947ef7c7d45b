// What a field of a sample record means: the alias tables for time, memory columns and pool counters.
import type { MemoryColumn } from './types.js';

export type PoolCounter = 'total' | 'idle' | 'inUse' | 'waiting' | 'max';

/** The meaning of one field path in a JSON/CSV sample. */
export type FieldTarget =
  | { kind: 'time' }
  | { kind: 'instance' }
  | { kind: 'pid' }
  | { kind: 'restartMarker' }
  | { kind: 'uptime' }
  | { kind: 'memory'; column: MemoryColumn }
  | { kind: 'pool'; pool: string; counter: PoolCounter }
  | { kind: 'ignore' };

/** Lower-cased with `_`, `-`, `.` and spaces removed: `heap_used`, `heapUsed` and `Heap-Used` meet. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.\-@]/g, '');
}

const TIME_KEYS = ['ts', 'time', 'timestamp', 'date', 'datetime', 't', 'at', 'when', 'sampledat'];
const INSTANCE_KEYS = ['instance', 'host', 'hostname', 'service', 'source'];
const PID_KEYS = ['pid', 'processid'];
/** A process start time that changes means the process restarted between two samples. */
const RESTART_MARKER_KEYS = ['starttime', 'processstarttime', 'processstarttimeseconds', 'startedat'];
const UPTIME_KEYS = ['uptime', 'uptimeseconds', 'processuptime'];

/**
 * process.memoryUsage(), v8.getHeapStatistics(), prom-client, OpenTelemetry-as-Prometheus and Datadog
 * (`runtime.node.mem.heap_used`, also as `runtime_node_mem_heap_used`) spellings of the memory columns.
 */
const MEMORY_ALIASES: Record<MemoryColumn, string[]> = {
  heapUsed: ['heapused', 'usedheapsize', 'heapusedbytes', 'nodejsheapsizeusedbytes', 'memheapused', 'heapusedsize', 'runtimenodememheapused', 'v8jsmemoryheapusedbytes', 'v8jsmemoryheapused'],
  heapTotal: ['heaptotal', 'totalheapsize', 'heaptotalbytes', 'nodejsheapsizetotalbytes', 'memheaptotal', 'runtimenodememheaptotal', 'runtimenodeheaptotalheapsize'],
  rss: ['rss', 'residentsetsize', 'rssbytes', 'processresidentmemorybytes', 'memrss', 'runtimenodememrss'],
  external: ['external', 'externalmemory', 'nodejsexternalmemorybytes', 'memexternal', 'runtimenodememexternal'],
  arrayBuffers: ['arraybuffers', 'memarray', 'runtimenodememarray'],
  heapLimit: ['heapsizelimit', 'heaplimit', 'memorylimit', 'runtimenodeheapheapsizelimit', 'v8jsmemoryheaplimitbytes', 'v8jsmemoryheaplimit'],
};

/** pg-pool, generic-pool, tarn, mysql2 and OTel spellings of the pool counters. */
const POOL_COUNTER_ALIASES: Record<PoolCounter, string[]> = {
  total: ['total', 'totalcount', 'size', 'connections', 'count', 'all'],
  idle: ['idle', 'idlecount', 'available', 'free', 'numfree', 'freeconnections'],
  inUse: ['inuse', 'used', 'active', 'borrowed', 'busy', 'numused', 'activecount', 'usedcount'],
  waiting: ['waiting', 'waitingcount', 'pending', 'queued', 'numpendingacquires', 'pendingacquires', 'waitingclients'],
  max: ['max', 'limit', 'maxsize', 'connectionlimit', 'maxconnections'],
};

/** Parent objects whose children are pools by name (`pools.pg-main.waiting`). */
const POOL_MAP_KEYS = new Set(['pools']);
/** A parent object that is itself one pool (`pool.waiting`). */
const SINGLE_POOL_KEYS = new Set(['pool', 'dbpool']);
/** Flat key prefix for one pool's counters (`pool_waiting`, `pool_idle`). */
const FLAT_POOL_PREFIX = 'pool';

function invert<K extends string>(table: Record<K, string[]>): Map<string, K> {
  const map = new Map<string, K>();
  for (const [target, aliases] of Object.entries(table) as [K, string[]][]) for (const alias of aliases) map.set(alias, target);
  return map;
}

const MEMORY_BY_ALIAS = invert(MEMORY_ALIASES);
const COUNTER_BY_ALIAS = invert(POOL_COUNTER_ALIASES);
const MEMORY_COLUMNS = new Set<string>(Object.keys(MEMORY_ALIASES));

export function memoryColumnFor(name: string): MemoryColumn | undefined {
  return MEMORY_BY_ALIAS.get(normalizeKey(name));
}

export function poolCounterFor(name: string): PoolCounter | undefined {
  return COUNTER_BY_ALIAS.get(normalizeKey(name));
}

/** Parses a metric-map target: `heapUsed`, `time`, `pool.<name>.<counter>` (from `--metric name=target`). */
export function parseMapTarget(target: string): FieldTarget | undefined {
  if (MEMORY_COLUMNS.has(target)) return { kind: 'memory', column: target as MemoryColumn };
  const column = memoryColumnFor(target);
  if (column) return { kind: 'memory', column };
  const key = normalizeKey(target);
  if (TIME_KEYS.includes(key)) return { kind: 'time' };
  if (INSTANCE_KEYS.includes(key)) return { kind: 'instance' };
  const parts = target.split('.');
  if (parts.length >= 3 && parts[0] === 'pool') {
    const counter = poolCounterFor(parts[parts.length - 1]);
    if (counter) return { kind: 'pool', pool: parts.slice(1, -1).join('.'), counter };
  }
  return undefined;
}

/**
 * The meaning of a field given its path from the record root (`['memory','heapUsed']`,
 * `['pools','main','waiting']`). A user metric map, keyed by the dotted path or the leaf name, wins.
 */
export function resolveFieldPath(path: readonly string[], metricMap?: ReadonlyMap<string, FieldTarget>): FieldTarget {
  const leaf = path[path.length - 1];
  if (metricMap && metricMap.size > 0) {
    const mapped = metricMap.get(path.join('.')) ?? metricMap.get(leaf);
    if (mapped) return mapped;
  }
  const parent = path.length >= 2 ? normalizeKey(path[path.length - 2]) : undefined;
  if (path.length === 3 && POOL_MAP_KEYS.has(normalizeKey(path[0]))) {
    const counter = poolCounterFor(leaf);
    return counter ? { kind: 'pool', pool: path[1], counter } : { kind: 'ignore' };
  }
  if (parent !== undefined && SINGLE_POOL_KEYS.has(parent)) {
    const counter = poolCounterFor(leaf);
    return counter ? { kind: 'pool', pool: path[path.length - 2], counter } : { kind: 'ignore' };
  }
  // Memory fields may sit at the root or one level down (`memory.heapUsed`, `heap.used_heap_size`).
  if (path.length > 2) return { kind: 'ignore' };
  const key = normalizeKey(leaf);
  const column = MEMORY_BY_ALIAS.get(key);
  if (column) return { kind: 'memory', column };
  if (path.length === 1) {
    if (TIME_KEYS.includes(key)) return { kind: 'time' };
    if (INSTANCE_KEYS.includes(key)) return { kind: 'instance' };
    if (PID_KEYS.includes(key)) return { kind: 'pid' };
    if (RESTART_MARKER_KEYS.includes(key)) return { kind: 'restartMarker' };
    if (UPTIME_KEYS.includes(key)) return { kind: 'uptime' };
    if (key.startsWith(FLAT_POOL_PREFIX)) {
      const counter = poolCounterFor(key.slice(FLAT_POOL_PREFIX.length));
      if (counter) return { kind: 'pool', pool: 'pool', counter };
    }
  }
  return { kind: 'ignore' };
}
