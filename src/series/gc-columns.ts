// Collects GC events as columns while a log streams, and turns them into GcEvent objects only when asked.
import { ColumnBuilder } from './column-builder.js';
import type { GcColumns, GcEvent, MemorySeries } from './types.js';

/** The raw columns of one part of a log read by another thread (times still ms since isolate start). */
export type GcColumnsPart = Record<'time' | 'major' | 'heapBefore' | 'heapAfter' | 'pauseMs' | 'heapTotalAfter' | 'typeIndex', Float64Array>;

export class GcColumnsBuilder {
  readonly time = new ColumnBuilder();
  readonly major = new ColumnBuilder();
  readonly heapBefore = new ColumnBuilder();
  readonly heapAfter = new ColumnBuilder();
  readonly pauseMs = new ColumnBuilder();
  readonly heapTotalAfter = new ColumnBuilder();
  readonly typeIndex = new ColumnBuilder();

  get length(): number {
    return this.time.length;
  }

  push(time: number, major: boolean, heapBefore: number, heapAfter: number, pauseMs: number, heapTotalAfter: number, typeIndex: number): void {
    this.time.push(time);
    this.major.push(major ? 1 : 0);
    this.heapBefore.push(heapBefore);
    this.heapAfter.push(heapAfter);
    this.pauseMs.push(pauseMs);
    this.heapTotalAfter.push(heapTotalAfter);
    this.typeIndex.push(typeIndex);
  }

  /** The columns so far, to send to another thread; the builder must not be used afterwards. */
  toPart(): GcColumnsPart {
    const { time, major, heapBefore, heapAfter, pauseMs, heapTotalAfter, typeIndex } = this;
    return { time: time.finish(), major: major.finish(), heapBefore: heapBefore.finish(), heapAfter: heapAfter.finish(), pauseMs: pauseMs.finish(), heapTotalAfter: heapTotalAfter.finish(), typeIndex: typeIndex.finish() };
  }

  /** Appends a later part's columns; `typeIndexMap` turns the part's type indexes into this thread's. */
  appendPart(part: GcColumnsPart, typeIndexMap: readonly number[]): void {
    const typeIndex = part.typeIndex;
    for (let i = 0; i < typeIndex.length; i++) typeIndex[i] = typeIndexMap[typeIndex[i]];
    this.time.appendAll(part.time);
    this.major.appendAll(part.major);
    this.heapBefore.appendAll(part.heapBefore);
    this.heapAfter.appendAll(part.heapAfter);
    this.pauseMs.appendAll(part.pauseMs);
    this.heapTotalAfter.appendAll(part.heapTotalAfter);
    this.typeIndex.appendAll(typeIndex);
  }

  /** Final columns with `offsetMs` added to every time (the wall-clock anchor). */
  finish(offsetMs: number, types: string[]): GcColumns {
    const time = this.time.finish();
    for (let i = 0; i < time.length; i++) time[i] += offsetMs;
    return {
      time,
      major: Uint8Array.from(this.major.finish()),
      heapBefore: this.heapBefore.finish(),
      heapAfter: this.heapAfter.finish(),
      pauseMs: this.pauseMs.finish(),
      heapTotalAfter: this.heapTotalAfter.finish(),
      typeIndex: Uint16Array.from(this.typeIndex.finish()),
      types,
    };
  }
}

export function gcEventsFromColumns(gc: GcColumns): GcEvent[] {
  const events: GcEvent[] = new Array(gc.time.length);
  for (let i = 0; i < events.length; i++) {
    const event: GcEvent = { time: gc.time[i], kind: gc.major[i] === 1 ? 'major' : 'minor', heapBefore: gc.heapBefore[i], heapAfter: gc.heapAfter[i], pauseMs: gc.pauseMs[i], type: gc.types[gc.typeIndex[i]] };
    if (!Number.isNaN(gc.heapTotalAfter[i])) event.heapTotalAfter = gc.heapTotalAfter[i];
    events[i] = event;
  }
  return events;
}

/**
 * Gives `series` a `gcEvents` property built from its columns on first read and cached (a million event
 * objects cost more than reading the log; many consumers only need the columns). It is enumerable, so
 * JSON and structuredClone still see the events; assigning to it replaces it.
 */
export function attachLazyGcEvents(series: MemorySeries, gc: GcColumns): void {
  let events: GcEvent[] | undefined;
  series.gc = gc;
  Object.defineProperty(series, 'gcEvents', {
    enumerable: true,
    configurable: true,
    get: () => (events ??= gcEventsFromColumns(gc)),
    set: (value: GcEvent[]) => {
      events = value;
    },
  });
}
