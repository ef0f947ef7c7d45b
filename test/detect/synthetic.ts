// Seeded synthetic memory series for detector tests: known slope, GC sawtooth, warm-up plateau, restarts, noise.
import type { GcEvent, MemorySeries } from '../../src/series/types.js';
import { seededNormal } from '../../src/detect/stats/random.js';

export const MIB = 1024 * 1024;
export const HOUR_MS = 3_600_000;
const START = Date.UTC(2026, 10, 21, 12, 0, 0);

export interface SyntheticHeap {
  samples: number;
  intervalMs: number;
  /** Live heap at the start. */
  base?: number;
  /** True growth of the live heap. */
  leakBytesPerHour?: number;
  /** Garbage accumulated between collections: the sawtooth's height and period (samples). */
  sawtoothBytes?: number;
  sawtoothPeriod?: number;
  /** Standard deviation of Gaussian noise added to every sample. */
  noiseBytes?: number;
  /** Warm-up: the live heap rises by `warmupBytes` over the first `warmupSamples` samples, then stays. */
  warmupSamples?: number;
  warmupBytes?: number;
  /** Sample indexes where the process restarts: the leak starts over from `base`. */
  restartAt?: number[];
  heapLimit?: number;
  seed?: number;
  /** Also emit a major GC event at each sawtooth drop (heapAfter = live heap + noise). */
  gcEvents?: boolean;
}

export function syntheticHeap(options: SyntheticHeap): MemorySeries & { live: Float64Array } {
  const { samples, intervalMs } = options;
  const base = options.base ?? 40 * MIB;
  const period = options.sawtoothPeriod ?? 20;
  const noise = seededNormal(options.seed ?? 1);
  const time = new Float64Array(samples);
  const heapUsed = new Float64Array(samples);
  const live = new Float64Array(samples);
  const gcEvents: GcEvent[] = [];
  const restarts = (options.restartAt ?? []).map((index) => START + index * intervalMs);
  let epochStart = 0;
  for (let index = 0; index < samples; index++) {
    if (options.restartAt?.includes(index)) epochStart = index;
    const sinceStart = index - epochStart;
    time[index] = START + index * intervalMs;
    const warm = options.warmupSamples ? Math.min(1, sinceStart / options.warmupSamples) * (options.warmupBytes ?? 0) : 0;
    live[index] = base + warm + ((options.leakBytesPerHour ?? 0) * sinceStart * intervalMs) / HOUR_MS;
    const garbage = ((options.sawtoothBytes ?? 0) * (index % period)) / period;
    heapUsed[index] = live[index] + garbage + (options.noiseBytes ?? 0) * noise();
    if (options.gcEvents && index % period === 0) {
      gcEvents.push({ time: time[index], kind: 'major', heapBefore: live[index] + (options.sawtoothBytes ?? 0), heapAfter: live[index] + (options.noiseBytes ?? 0) * noise(), pauseMs: 5 });
    }
  }
  const columns: MemorySeries['columns'] = { heapUsed };
  if (options.heapLimit) columns.heapLimit = new Float64Array(samples).fill(options.heapLimit);
  return { source: 'synthetic', instance: `seed ${options.seed ?? 1}`, time, columns, gcEvents: options.gcEvents ? gcEvents : undefined, restarts: restarts.length ? restarts : undefined, live };
}
