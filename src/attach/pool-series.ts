// Accumulates live pool readings into one PoolSeries per (instance, sub-pool), labels redacted. A sub-pool
// that appears later (a new host of an http.Agent) had zero sockets before, so its earlier samples are 0.
import type { PoolCounts } from '../pools/runtime-types.js';
import type { RuntimeReading } from '../pools/runtime/index.js';
import { redactString } from '../redact.js';
import type { PoolSeries } from '../series/types.js';
import type { PoolInstanceReading } from './live-pools.js';

const COUNTERS = ['total', 'idle', 'inUse', 'waiting', 'max'] as const satisfies readonly (keyof PoolCounts)[];

interface Track {
  library: string;
  label: string;
  firstSample: number;
  values: Record<(typeof COUNTERS)[number], (number | undefined)[]>;
  last: RuntimeReading;
}

export interface LivePoolSummary {
  name: string;
  library: string;
  /** The last reading (counts and library-specific extras). */
  last: PoolCounts;
  extra?: Record<string, string | number | boolean>;
  error?: string;
}

export class PoolSeriesBuilder {
  private readonly times: number[] = [];
  private readonly tracks = new Map<string, Track>();
  private readonly errors = new Map<string, string>();

  push(time: number, instances: PoolInstanceReading[]): void {
    const sample = this.times.length;
    this.times.push(time);
    for (const instance of instances) {
      if (instance.error) this.errors.set(`${instance.index}`, `${instance.library}: ${instance.error}`);
      for (const reading of instance.readings) {
        const id = `${instance.index}|${reading.key}`;
        let track = this.tracks.get(id);
        if (!track) {
          track = { library: instance.library, label: redactString(reading.label), firstSample: sample, values: { total: [], idle: [], inUse: [], waiting: [], max: [] }, last: reading };
          this.tracks.set(id, track);
        }
        track.last = reading;
        for (const counter of COUNTERS) track.values[counter][sample] = finite(reading.counts[counter]);
      }
    }
  }

  get sampleCount(): number {
    return this.times.length;
  }

  /** One series per sub-pool; names are unique (a suffix #n separates two pools with the same label). */
  toSeries(source: string): { series: PoolSeries[]; summaries: LivePoolSummary[]; errors: string[] } {
    const series: PoolSeries[] = [];
    const summaries: LivePoolSummary[] = [];
    const nameCount = new Map<string, number>();
    for (const track of this.tracks.values()) {
      const base = `${track.library} ${track.label}`;
      const count = (nameCount.get(base) ?? 0) + 1;
      nameCount.set(base, count);
      const name = count > 1 ? `${base} #${count}` : base;
      const entry: PoolSeries = { source, name, library: track.library, time: Float64Array.from(this.times) };
      for (const counter of COUNTERS) {
        const values = track.values[counter];
        if (!values.some((value) => value !== undefined)) continue; // the library has no such counter
        const column = new Float64Array(this.times.length);
        for (let index = 0; index < this.times.length; index++) {
          // Before the sub-pool first appeared it held nothing; a missing max stays unknown (NaN).
          column[index] = values[index] ?? (index < track.firstSample && counter !== 'max' ? 0 : Number.NaN);
        }
        entry[counter] = column;
      }
      series.push(entry);
      summaries.push({ name, library: track.library, last: track.last.counts, extra: track.last.extra, error: track.last.error });
    }
    return { series, summaries, errors: [...this.errors.values()] };
  }
}

function finite(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
