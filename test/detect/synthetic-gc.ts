// Seeded synthetic `--trace-gc` event streams: scavenges that promote garbage, majors that take it back, a live heap
// that leaks, steps or stays flat — the shape of a real log, for detector tests that need few majors.
import { seededNormal } from '../../src/detect/stats/random.js';
import type { GcEvent, MemorySeries } from '../../src/series/types.js';
import { MIB } from './synthetic.js';

const START = Date.UTC(2026, 11, 7, 9, 0, 0);

export interface SyntheticGcLog {
  seconds: number;
  /** Milliseconds between scavenges, and between major GCs. */
  scavengeEveryMs?: number;
  majorEveryMs: number;
  /** Live heap at the start, and how it grows. */
  base?: number;
  leakBytesPerHour?: number;
  step?: { atSeconds: number; bytes: number };
  /** Garbage each scavenge promotes into old space; a major GC frees all of it. */
  promotedPerScavenge?: number;
  /** Young objects that survive a scavenge (part of its end size). */
  survivorBytes?: number;
  noiseBytes?: number;
  seed?: number;
}

export function syntheticGcLog(options: SyntheticGcLog): MemorySeries & { live: (seconds: number) => number } {
  const every = options.scavengeEveryMs ?? 100;
  const base = options.base ?? 8 * MIB;
  const noise = seededNormal(options.seed ?? 1);
  const live = (seconds: number) => base + ((options.leakBytesPerHour ?? 0) * seconds) / 3600 + (options.step && seconds >= options.step.atSeconds ? options.step.bytes : 0);
  const events: GcEvent[] = [];
  let promoted = 0;
  let nextMajor = options.majorEveryMs;
  for (let ms = every; ms <= options.seconds * 1000; ms += every) {
    const seconds = ms / 1000;
    const major = ms >= nextMajor;
    if (major) {
      nextMajor += options.majorEveryMs;
      promoted = 0;
    } else {
      promoted += options.promotedPerScavenge ?? 20_000;
    }
    const after = live(seconds) + promoted + (major ? 0 : (options.survivorBytes ?? MIB)) + (options.noiseBytes ?? 50_000) * noise();
    events.push({ time: START + ms, kind: major ? 'major' : 'minor', heapBefore: after + 4 * MIB, heapAfter: after, pauseMs: major ? 8 : 1 });
  }
  return { source: 'synthetic.log', instance: `gc ${options.seed ?? 1}`, time: new Float64Array(0), columns: {}, gcEvents: events, live };
}
