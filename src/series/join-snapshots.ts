// Joins per-file snapshots (diagnostic reports, single Prometheus scrapes) into one series per instance.
import type { SeriesFormat } from './detect-format.js';
import type { ReaderOutput } from './reader-context.js';
import { permute, sortOrder } from './sample-accumulator.js';
import type { MemoryColumn, MemorySeries, PoolSeries } from './types.js';

type Columns = Record<string, Float64Array | undefined>;

/** Concatenates rows of several column sets (missing columns NaN), sorted by time. */
function concatColumns(parts: { time: Float64Array; columns: Columns }[]): { time: Float64Array; columns: Record<string, Float64Array> } {
  const length = parts.reduce((sum, part) => sum + part.time.length, 0);
  const names = new Set(parts.flatMap((part) => Object.keys(part.columns).filter((name) => part.columns[name] !== undefined)));
  let time: Float64Array = new Float64Array(length);
  const columns: Record<string, Float64Array> = {};
  for (const name of names) columns[name] = new Float64Array(length).fill(Number.NaN);
  let offset = 0;
  for (const part of parts) {
    time.set(part.time, offset);
    for (const name of names) {
      const values = part.columns[name];
      if (values) columns[name].set(values, offset);
    }
    offset += part.time.length;
  }
  const order = sortOrder(time);
  if (order) {
    time = permute(time, order);
    for (const name of names) columns[name] = permute(columns[name], order);
  }
  return { time, columns };
}

/** Epoch ms of each sample whose process start differs from the previous sample's. */
export function restartsFromStarts(time: Float64Array, starts: Float64Array | undefined): number[] {
  const restarts: number[] = [];
  if (!starts) return restarts;
  let previous = Number.NaN;
  for (let i = 0; i < time.length; i++) {
    const start = starts[i];
    if (Number.isNaN(start)) continue;
    // Start times are reported with jitter below a second (uptime rounding); only a real jump is a restart.
    if (!Number.isNaN(previous) && Math.abs(start - previous) >= 1000) restarts.push(time[i]);
    previous = start;
  }
  return restarts;
}

function sourceOf(sources: string[]): string {
  const distinct = [...new Set(sources)];
  return distinct.length === 1 ? distinct[0] : `${distinct[0]} (+${distinct.length - 1} more)`;
}

function joinMemory(group: MemorySeries[]): MemorySeries {
  const { time, columns } = concatColumns(group.map((series) => ({ time: series.time, columns: { ...series.columns, processStart: series.processStart } as Columns })));
  const { processStart, ...memoryColumns } = columns;
  const joined: MemorySeries = { source: sourceOf(group.map((series) => series.source)), instance: group[0].instance, time, columns: memoryColumns as Partial<Record<MemoryColumn, Float64Array>> };
  // One guessed time makes the joined series' times a guess too.
  const anchors = new Set(group.map((series) => series.timeAnchor).filter((anchor) => anchor !== undefined));
  if (anchors.size > 0) joined.timeAnchor = anchors.has('file-mtime') ? 'file-mtime' : [...anchors][0];
  if (processStart) {
    joined.processStart = processStart;
    const restarts = restartsFromStarts(time, processStart);
    if (restarts.length > 0) joined.restarts = restarts;
  }
  return joined;
}

function joinPools(group: PoolSeries[]): PoolSeries {
  const counters = ['total', 'idle', 'inUse', 'waiting', 'max'] as const;
  const { time, columns } = concatColumns(group.map((pool) => ({ time: pool.time, columns: Object.fromEntries(counters.map((name) => [name, pool[name]])) })));
  const joined: PoolSeries = { source: sourceOf(group.map((pool) => pool.source)), name: group[0].name, time };
  if (group[0].library) joined.library = group[0].library;
  if (group[0].instance) joined.instance = group[0].instance;
  for (const name of counters) if (columns[name]) joined[name] = columns[name];
  return joined;
}

function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = key(item);
    const group = groups.get(id);
    if (group) group.push(item);
    else groups.set(id, [item]);
  }
  return [...groups.values()];
}

/** One output per joined format: series of the same instance (pools of the same name) become one. */
export function joinSnapshots(outputs: { format: SeriesFormat; output: ReaderOutput }[]): ReaderOutput[] {
  return groupBy(outputs, (entry) => entry.format).map((entries) => {
    const memory = groupBy(entries.flatMap((entry) => entry.output.memory), (series) => series.instance).map(joinMemory);
    const pools = groupBy(entries.flatMap((entry) => entry.output.pools), (pool) => `${pool.instance ?? ''}\u0000${pool.name}`).map(joinPools);
    return { memory, pools, sockets: entries.flatMap((entry) => entry.output.sockets) };
  });
}
