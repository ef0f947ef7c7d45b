// Collects Prometheus samples (name, labels, time, value) into memory series per instance and pool series.
import { restartsFromStarts } from './join-snapshots.js';
import { counterForState, INSTANCE_LABELS, metricMeaning, POOL_LABELS, type MetricMeaning } from './prometheus-names.js';
import type { FieldTarget, PoolCounter } from './sample-fields.js';
import type { MemoryColumn, MemorySeries, PoolSeries } from './types.js';

export type Labels = Record<string, string>;

/** Per column (or counter): time → value. Sums or overwrites as the metric asks. */
type ColumnMaps = Map<string, Map<number, number>>;

/** Suffix of a column summed over heap spaces while collecting; the direct metric wins when both exist. */
const SUMMED = '+sum';

/** Folds `<column>+sum` into `<column>` unless the direct metric exists. */
function preferDirect(columns: ColumnMaps): ColumnMaps {
  for (const key of [...columns.keys()]) {
    if (!key.endsWith(SUMMED)) continue;
    const direct = key.slice(0, -SUMMED.length);
    if (!columns.has(direct)) columns.set(direct, columns.get(key)!);
    columns.delete(key);
  }
  return columns;
}

interface PoolEntry {
  name: string;
  library: string;
  instance: string;
  columns: ColumnMaps;
}

function addValue(columns: ColumnMaps, column: string, time: number, value: number, sum: boolean): void {
  let byTime = columns.get(column);
  if (!byTime) columns.set(column, (byTime = new Map()));
  const previous = byTime.get(time);
  byTime.set(time, sum && previous !== undefined ? previous + value : value);
}

/** Aligns several time → value maps on their union of times (NaN where a column has no sample). */
function align(columns: ColumnMaps): { time: Float64Array; values: Record<string, Float64Array> } {
  const times = new Set<number>();
  for (const byTime of columns.values()) for (const time of byTime.keys()) times.add(time);
  const time = Float64Array.from([...times].sort((a, b) => a - b));
  const values: Record<string, Float64Array> = {};
  for (const [column, byTime] of columns) values[column] = time.map((t) => byTime.get(t) ?? Number.NaN);
  return { time, values };
}

export class PrometheusSeriesBuilder {
  private readonly memory = new Map<string, ColumnMaps>();
  private readonly pools = new Map<string, PoolEntry>();
  private readonly meanings = new Map<string, MetricMeaning | undefined>();
  /** Metric names seen that pooldoc has no meaning for (for the "nothing usable" message). */
  readonly unknownNames = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly defaultInstance: string,
    private readonly metricMap: ReadonlyMap<string, FieldTarget>,
  ) {}

  instanceOf(labels: Labels): string {
    for (const label of INSTANCE_LABELS) if (labels[label]) return labels[label];
    return this.defaultInstance;
  }

  /** The meaning of a name, cached (scrapes repeat the same names thousands of times). */
  meaning(name: string): MetricMeaning | undefined {
    if (!this.meanings.has(name)) this.meanings.set(name, metricMeaning(name, this.metricMap));
    return this.meanings.get(name);
  }

  /** Adds one sample; returns false when the metric is not one pooldoc reads. */
  add(name: string, labels: Labels, timeMs: number, value: number, meaning = this.meaning(name)): boolean {
    if (!meaning) {
      this.unknownNames.add(name);
      return false;
    }
    if (!Number.isFinite(value)) return true;
    const instance = this.instanceOf(labels);
    if (meaning.kind === 'memory' || meaning.kind === 'processStart') {
      let columns = this.memory.get(instance);
      if (!columns) this.memory.set(instance, (columns = new Map()));
      if (meaning.kind === 'processStart') addValue(columns, 'processStart', timeMs, value * 1000, false);
      // Per-space sums live apart so a process exporting both prom-client and OTel is not counted twice.
      else addValue(columns, meaning.sum ? `${meaning.column}${SUMMED}` : meaning.column, timeMs, value, meaning.sum);
      return true;
    }
    const counter: PoolCounter | undefined = meaning.stateLabel ? counterForState(labels[meaning.stateLabel]) : meaning.counter;
    if (!counter) return true;
    const distinguishing = POOL_LABELS.filter((label) => labels[label]).map((label) => labels[label]);
    const poolName = [meaning.library, ...distinguishing].join(' ');
    const key = `${instance}\u0000${poolName}`;
    let pool = this.pools.get(key);
    if (!pool) this.pools.set(key, (pool = { name: poolName, library: meaning.library, instance, columns: new Map() }));
    addValue(pool.columns, counter, timeMs, value, false);
    return true;
  }

  finish(): { memory: MemorySeries[]; pools: PoolSeries[] } {
    const memory: MemorySeries[] = [];
    for (const [instance, columns] of this.memory) {
      const { time, values } = align(preferDirect(columns));
      const { processStart, ...memoryColumns } = values;
      if (Object.keys(memoryColumns).length === 0) continue;
      const series: MemorySeries = { source: this.source, instance, time, columns: memoryColumns as Partial<Record<MemoryColumn, Float64Array>>, timeAnchor: 'absolute' };
      if (processStart) {
        series.processStart = processStart;
        const restarts = restartsFromStarts(time, processStart);
        if (restarts.length > 0) series.restarts = restarts;
      }
      memory.push(series);
    }
    const manyInstances = new Set([...this.pools.values()].map((pool) => pool.instance)).size > 1;
    const pools: PoolSeries[] = [...this.pools.values()].map((entry) => {
      const { time, values } = align(entry.columns);
      const pool: PoolSeries = { source: this.source, name: manyInstances ? `${entry.instance}/${entry.name}` : entry.name, library: entry.library, instance: entry.instance, time };
      for (const [counter, column] of Object.entries(values)) pool[counter as PoolCounter] = column;
      return pool;
    });
    return { memory, pools };
  }
}
