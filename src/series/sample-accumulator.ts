// Collects sample rows (one JSON line, one CSV row) into per-instance memory and pool series.
import { ColumnBuilder, hasValues } from './column-builder.js';
import type { FieldTarget, PoolCounter } from './sample-fields.js';
import type { MemoryColumn, MemorySeries, PoolSeries } from './types.js';

/** Why a row was not kept; the caller turns it into a problem with the line number. */
export type RowOutcome = 'kept' | 'no-time' | 'no-values';

const MEMORY_ENTITY = 0;

interface SlotInfo {
  entity: number;
  /** Memory column or pool counter name. */
  key: string;
}

interface EntityState {
  time: ColumnBuilder;
  columns: Map<number, ColumnBuilder>;
  /** Serial of the last row that appended a time, so one row appends one time per entity. */
  lastRow: number;
}

interface InstanceState {
  name: string;
  entities: (EntityState | undefined)[];
  restarts: number[];
  lastPid?: string;
  lastMarker?: number;
  lastUptime?: number;
}

export class SampleAccumulator {
  private readonly slots: SlotInfo[] = [];
  private readonly slotByKey = new Map<string, number>();
  private readonly poolNames: string[] = ['(memory)'];
  private readonly instances = new Map<string, InstanceState>();
  // The current row: touched slots and their values, plus the row's time and identity fields.
  private readonly touched: number[] = [];
  private values = new Float64Array(16);
  private rowTime = Number.NaN;
  private rowInstance: string | undefined;
  private rowPid: string | undefined;
  private rowMarker = Number.NaN;
  private rowUptime = Number.NaN;
  private lastInstance: InstanceState | undefined;

  constructor(
    private readonly source: string,
    private readonly defaultInstance: string,
  ) {}

  /** The slot of a memory or pool target (allocated once per distinct target); -1 for anything else. */
  slotFor(target: FieldTarget): number {
    if (target.kind !== 'memory' && target.kind !== 'pool') return -1;
    const id = target.kind === 'memory' ? `m:${target.column}` : `p:${target.pool}\u0000${target.counter}`;
    const known = this.slotByKey.get(id);
    if (known !== undefined) return known;
    let entity = MEMORY_ENTITY;
    if (target.kind === 'pool') {
      entity = this.poolNames.indexOf(target.pool);
      if (entity === -1) entity = this.poolNames.push(target.pool) - 1;
    }
    const slot = this.slots.push({ entity, key: target.kind === 'memory' ? target.column : target.counter }) - 1;
    this.slotByKey.set(id, slot);
    if (slot >= this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    return slot;
  }

  beginRow(): void {
    this.touched.length = 0;
    this.rowTime = Number.NaN;
    this.rowInstance = undefined;
    this.rowPid = undefined;
    this.rowMarker = Number.NaN;
    this.rowUptime = Number.NaN;
  }

  setValue(slot: number, value: number): void {
    if (slot < 0 || !Number.isFinite(value)) return;
    this.values[slot] = value;
    this.touched.push(slot);
  }

  setTime(epochMs: number): void {
    this.rowTime = epochMs;
  }

  setInstance(name: string): void {
    this.rowInstance = name;
  }

  setPid(pid: string): void {
    this.rowPid = pid;
  }

  setRestartMarker(value: number): void {
    this.rowMarker = value;
  }

  setUptime(seconds: number): void {
    this.rowUptime = seconds;
  }

  commitRow(): RowOutcome {
    if (this.touched.length === 0) return 'no-values';
    if (!Number.isFinite(this.rowTime)) return 'no-time';
    const instance = this.instanceForRow();
    const time = this.rowTime;
    this.noteRestart(instance, time);
    for (const slot of this.touched) {
      const info = this.slots[slot];
      let entity = instance.entities[info.entity];
      if (!entity) entity = instance.entities[info.entity] = { time: new ColumnBuilder(), columns: new Map(), lastRow: -1 };
      // The first column touched in this row appends the row's time to its entity.
      if (entity.lastRow !== this.rowSerial) {
        entity.time.push(time);
        entity.lastRow = this.rowSerial;
      }
      let column = entity.columns.get(slot);
      if (!column) entity.columns.set(slot, (column = new ColumnBuilder()));
      // A field repeated within one record: the last value wins, the columns stay aligned.
      if (column.length === entity.time.length) column.setLast(this.values[slot]);
      else {
        column.padTo(entity.time.length - 1);
        column.push(this.values[slot]);
      }
    }
    this.rowSerial++;
    return 'kept';
  }

  private rowSerial = 0;

  private instanceForRow(): InstanceState {
    const name = this.rowInstance ?? (this.rowPid !== undefined ? `pid ${this.rowPid}` : this.defaultInstance);
    if (this.lastInstance?.name === name) return this.lastInstance;
    let state = this.instances.get(name);
    if (!state) this.instances.set(name, (state = { name, entities: [], restarts: [] }));
    this.lastInstance = state;
    return state;
  }

  /** A pid change under one instance name, a changed start time, or an uptime that went back: a restart. */
  private noteRestart(instance: InstanceState, time: number): void {
    let restarted = false;
    if (this.rowInstance !== undefined && this.rowPid !== undefined) {
      if (instance.lastPid !== undefined && instance.lastPid !== this.rowPid) restarted = true;
      instance.lastPid = this.rowPid;
    }
    if (!Number.isNaN(this.rowMarker)) {
      if (instance.lastMarker !== undefined && instance.lastMarker !== this.rowMarker) restarted = true;
      instance.lastMarker = this.rowMarker;
    }
    if (!Number.isNaN(this.rowUptime)) {
      if (instance.lastUptime !== undefined && this.rowUptime < instance.lastUptime) restarted = true;
      instance.lastUptime = this.rowUptime;
    }
    if (restarted) instance.restarts.push(time);
  }

  finish(): { memory: MemorySeries[]; pools: PoolSeries[] } {
    const memory: MemorySeries[] = [];
    const pools: PoolSeries[] = [];
    const manyInstances = this.instances.size > 1;
    for (const instance of this.instances.values()) {
      instance.entities.forEach((entity, entityId) => {
        if (!entity || entity.time.length === 0) return;
        const { time, columns } = this.finishEntity(entity);
        if (entityId === MEMORY_ENTITY) {
          const series: MemorySeries = { source: this.source, instance: instance.name, time, columns: columns as Partial<Record<MemoryColumn, Float64Array>> };
          if (instance.restarts.length > 0) series.restarts = [...instance.restarts];
          memory.push(series);
        } else {
          const poolName = this.poolNames[entityId];
          const pool: PoolSeries = { source: this.source, name: manyInstances ? `${instance.name}/${poolName}` : poolName, instance: instance.name, time };
          for (const [counter, values] of Object.entries(columns)) pool[counter as PoolCounter] = values;
          pools.push(pool);
        }
      });
    }
    return { memory, pools };
  }

  /** Pads, drops all-NaN columns, and sorts by time when the input was out of order. */
  private finishEntity(entity: EntityState): { time: Float64Array; columns: Record<string, Float64Array> } {
    const length = entity.time.length;
    let time = entity.time.finish();
    const columns: Record<string, Float64Array> = {};
    for (const [slot, builder] of entity.columns) {
      builder.padTo(length);
      const values = builder.finish();
      if (hasValues(values)) columns[this.slots[slot].key] = values;
    }
    const order = sortOrder(time);
    if (order) {
      time = permute(time, order);
      for (const key of Object.keys(columns)) columns[key] = permute(columns[key], order);
    }
    return { time, columns };
  }
}

/** Index order that sorts `time` ascending (stable), or undefined when it already is. */
export function sortOrder(time: Float64Array): Uint32Array | undefined {
  let sorted = true;
  for (let i = 1; i < time.length; i++) if (time[i] < time[i - 1]) { sorted = false; break; }
  if (sorted) return undefined;
  const order = new Uint32Array(time.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => time[a] - time[b] || a - b);
  return order;
}

export function permute(values: Float64Array, order: Uint32Array): Float64Array<ArrayBuffer> {
  const out = new Float64Array(values.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}
