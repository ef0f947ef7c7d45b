// Collects sample rows (one JSON line, one CSV row) into per-instance memory and pool series.
import { ColumnBuilder, hasValues } from './column-builder.js';
import type { AccumulatorPart, FirstValue, InstancePart, RestartState, SlotInfo } from './sample-parts.js';
import type { FieldTarget, PoolCounter } from './sample-fields.js';
import type { MemoryColumn, MemorySeries, PoolSeries } from './types.js';

/** Why a row was not kept; the caller turns it into a problem with the line number. */
export type RowOutcome = 'kept' | 'no-time' | 'no-values';

const MEMORY_ENTITY = 0;

interface EntityState {
  time: ColumnBuilder;
  /** Indexed by slot (sparse): an array index beats a Map lookup in the per-row loop. */
  columns: (ColumnBuilder | undefined)[];
  /** Serial of the last row that appended a time, so one row appends one time per entity. */
  lastRow: number;
}

interface InstanceState extends RestartState {
  name: string;
  entities: (EntityState | undefined)[];
}

export class SampleAccumulator {
  private readonly slots: SlotInfo[] = [];
  private readonly slotByKey = new Map<string, number>();
  private readonly poolNames: string[] = ['(memory)'];
  private readonly instances = new Map<string, InstanceState>();
  // The current row: touched slots (each once) and their values, plus the row's time and identity fields.
  private touched = new Int32Array(16);
  private touchedCount = 0;
  /** Per slot, the `beginSerial` of the row that last touched it: a field given twice in a row is listed once. */
  private touchedInRow = new Int32Array(16);
  private beginSerial = 1;
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
      this.values = doubled(this.values, new Float64Array(this.values.length * 2));
      this.touched = doubled(this.touched, new Int32Array(this.touched.length * 2));
      this.touchedInRow = doubled(this.touchedInRow, new Int32Array(this.touchedInRow.length * 2));
    }
    return slot;
  }

  beginRow(): void {
    this.touchedCount = 0;
    this.beginSerial++;
    this.rowTime = Number.NaN;
    this.rowInstance = undefined;
    this.rowPid = undefined;
    this.rowMarker = Number.NaN;
    this.rowUptime = Number.NaN;
  }

  setValue(slot: number, value: number): void {
    if (slot < 0 || !Number.isFinite(value)) return;
    // A field repeated within one record (or two aliases of one column): the last value wins.
    this.values[slot] = value;
    if (this.touchedInRow[slot] === this.beginSerial) return;
    this.touchedInRow[slot] = this.beginSerial;
    this.touched[this.touchedCount++] = slot;
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
    if (this.touchedCount === 0) return 'no-values';
    if (!Number.isFinite(this.rowTime)) return 'no-time';
    const instance = this.instanceForRow();
    const time = this.rowTime;
    this.noteRestart(instance, time);
    const { touched, touchedCount, slots, values, rowSerial } = this;
    for (let t = 0; t < touchedCount; t++) {
      const slot = touched[t];
      const entityId = slots[slot].entity;
      let entity = instance.entities[entityId];
      if (!entity) entity = instance.entities[entityId] = { time: new ColumnBuilder(), columns: [], lastRow: -1 };
      // The first column touched in this row appends the row's time to its entity.
      if (entity.lastRow !== rowSerial) {
        entity.time.push(time);
        entity.lastRow = rowSerial;
      }
      let column = entity.columns[slot];
      if (!column) column = entity.columns[slot] = new ColumnBuilder();
      // A column missing from earlier rows is padded with NaN so that it stays aligned with the time column.
      if (column.length < entity.time.length - 1) column.padTo(entity.time.length - 1);
      column.push(values[slot]);
    }
    this.rowSerial++;
    return 'kept';
  }

  private rowSerial = 0;

  private instanceForRow(): InstanceState {
    const name = this.rowInstance ?? (this.rowPid !== undefined ? `pid ${this.rowPid}` : this.defaultInstance);
    if (this.lastInstance?.name === name) return this.lastInstance;
    let state = this.instances.get(name);
    if (!state) this.instances.set(name, (state = newInstance(name)));
    this.lastInstance = state;
    return state;
  }

  /** A pid change under one instance name, a changed start time, or an uptime that went back: a restart. */
  private noteRestart(instance: InstanceState, time: number): void {
    let restarted = false;
    const row = this.rowSerial;
    if (this.rowInstance !== undefined && this.rowPid !== undefined) {
      if (instance.lastPid !== undefined && instance.lastPid !== this.rowPid) restarted = true;
      else if (instance.lastPid === undefined) instance.firstPid = { value: this.rowPid, row, time };
      instance.lastPid = this.rowPid;
    }
    if (!Number.isNaN(this.rowMarker)) {
      if (instance.lastMarker !== undefined && instance.lastMarker !== this.rowMarker) restarted = true;
      else if (instance.lastMarker === undefined) instance.firstMarker = { value: this.rowMarker, row, time };
      instance.lastMarker = this.rowMarker;
    }
    if (!Number.isNaN(this.rowUptime)) {
      if (instance.lastUptime !== undefined && this.rowUptime < instance.lastUptime) restarted = true;
      else if (instance.lastUptime === undefined) instance.firstUptime = { value: this.rowUptime, row, time };
      instance.lastUptime = this.rowUptime;
    }
    if (restarted) {
      instance.restarts.push(time);
      instance.restartRows.push(row);
    }
  }

  /** Everything read so far, to send to the thread that merges the parts; the accumulator must not be used afterwards. */
  toPart(): AccumulatorPart {
    const instances: InstancePart[] = [];
    for (const instance of this.instances.values()) {
      const { name, restarts, restartRows, lastPid, lastMarker, lastUptime, firstPid, firstMarker, firstUptime } = instance;
      const entities = Array.from(instance.entities, (entity) => {
        if (!entity) return null;
        const length = entity.time.length;
        const columns = Array.from(entity.columns, (builder) => (builder ? (builder.padTo(length), builder.finish()) : null));
        return { time: entity.time.finish(), columns };
      });
      instances.push({ name, entities, restarts, restartRows, lastPid, lastMarker, lastUptime, firstPid, firstMarker, firstUptime });
    }
    return { slots: this.slots, poolNames: this.poolNames, instances, rows: this.rowSerial };
  }

  /**
   * Appends the next part of the same file (read by another thread) as if its rows had followed here:
   * its slots and pools are met in its order after ours, columns are concatenated, and a restart between
   * our last row and its first (a pid, start time or uptime that changed across the cut) is found here.
   */
  absorb(part: AccumulatorPart): void {
    const slotMap = part.slots.map((info) =>
      this.slotFor(info.entity === MEMORY_ENTITY ? { kind: 'memory', column: info.key as MemoryColumn } : { kind: 'pool', pool: part.poolNames[info.entity], counter: info.key as PoolCounter }),
    );
    for (const partInstance of part.instances) {
      let instance = this.instances.get(partInstance.name);
      if (!instance) this.instances.set(partInstance.name, (instance = newInstance(partInstance.name)));
      this.absorbRestarts(instance, partInstance);
      partInstance.entities.forEach((partEntity, partEntityId) => {
        if (!partEntity) return;
        const entityId = partEntityId === MEMORY_ENTITY ? MEMORY_ENTITY : this.poolNames.indexOf(part.poolNames[partEntityId]);
        let entity = instance.entities[entityId];
        if (!entity) entity = instance.entities[entityId] = { time: new ColumnBuilder(), columns: [], lastRow: -1 };
        const before = entity.time.length;
        partEntity.columns.forEach((values, partSlot) => {
          if (!values) return;
          const slot = slotMap[partSlot];
          let column = entity.columns[slot];
          if (!column) column = entity.columns[slot] = new ColumnBuilder();
          column.padTo(before);
          column.appendAll(values);
        });
        entity.time.appendAll(partEntity.time);
        entity.lastRow = -1;
      });
    }
    this.rowSerial += part.rows;
    this.lastInstance = undefined;
  }

  private absorbRestarts(instance: InstanceState, part: InstancePart): void {
    const rowOffset = this.rowSerial;
    const timeByRow = new Map<number, number>();
    part.restartRows.forEach((row, index) => timeByRow.set(row, part.restarts[index]));
    if (part.firstPid && instance.lastPid !== undefined && part.firstPid.value !== instance.lastPid) timeByRow.set(part.firstPid.row, part.firstPid.time);
    if (part.firstMarker && instance.lastMarker !== undefined && part.firstMarker.value !== instance.lastMarker) timeByRow.set(part.firstMarker.row, part.firstMarker.time);
    if (part.firstUptime && instance.lastUptime !== undefined && part.firstUptime.value < instance.lastUptime) timeByRow.set(part.firstUptime.row, part.firstUptime.time);
    for (const row of [...timeByRow.keys()].sort((a, b) => a - b)) {
      instance.restarts.push(timeByRow.get(row)!);
      instance.restartRows.push(row + rowOffset);
    }
    const shift = <T>(first: FirstValue<T> | undefined) => first && { ...first, row: first.row + rowOffset };
    instance.firstPid ??= shift(part.firstPid);
    instance.firstMarker ??= shift(part.firstMarker);
    instance.firstUptime ??= shift(part.firstUptime);
    if (part.lastPid !== undefined) instance.lastPid = part.lastPid;
    if (part.lastMarker !== undefined) instance.lastMarker = part.lastMarker;
    if (part.lastUptime !== undefined) instance.lastUptime = part.lastUptime;
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
    for (const [slot, builder] of entity.columns.entries()) {
      if (!builder) continue;
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

/** `target` holding `values` then zeros (typed arrays grow by copying). */
function doubled<T extends Float64Array | Int32Array>(values: T, target: T): T {
  target.set(values);
  return target;
}

function newInstance(name: string): InstanceState {
  return { name, entities: [], restarts: [], restartRows: [] };
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
