// The memory-verdict cases of issue 19 on generated series shaped like the real recordings that got them wrong:
// each failed on the detector before the four states (leak · growing · ok · insufficient-data) and passes now.
import { describe, expect, it } from 'vitest';
import { detectHeapLeak } from '../../src/detect/heap-leak.js';
import { seededNormal } from '../../src/detect/stats/random.js';
import { judgeSeries } from '../../src/detect/trend.js';
import { MIB, syntheticHeap } from './synthetic.js';
import { syntheticGcLog } from './synthetic-gc.js';

const MB = 1_000_000;
const GIB4 = 4096 * MIB;

describe('issue 19: verdicts on series whose truth is known', () => {
  for (const seed of [1, 2, 3]) {
    it(`case 1: a young healthy process whose RSS settles by ~6 MB in 90 s is not a native leak (seed ${seed})`, () => {
      // 4 Hz NDJSON: a flat heap under an allocation sawtooth; RSS climbs 6 MB towards its plateau, still rising.
      const series = syntheticHeap({ samples: 360, intervalMs: 250, base: 9 * MIB, sawtoothBytes: 6 * MIB, sawtoothPeriod: 6, noiseBytes: 0.1 * MIB, heapLimit: GIB4, seed });
      const noise = seededNormal(seed + 10);
      series.columns.rss = Float64Array.from(series.time, (time) => 60 * MB + 6 * MB * (1 - Math.exp(-(time - series.time[0]) / 60_000)) + 0.2 * MB * noise());
      const verdict = judgeSeries(series);
      expect(verdict.native.verdict).toBe('ok');
      expect(verdict.native.reasons[0]).toMatch(/only .* over the run/);
      expect(verdict.verdict).not.toBe('leak');
      expect(verdict.verdict).not.toBe('growing');
    });

    it(`case 2: a steady 38 MiB/h rise of the post-GC heap over 3 min of trace-gc is never ok (seed ${seed})`, () => {
      // 18 majors (one per 10 s): a post-gc baseline; 38 MiB/h into an assumed 4 GiB is ~4 days: growing.
      const log = syntheticGcLog({ seconds: 180, majorEveryMs: 10_000, leakBytesPerHour: 38 * MIB, noiseBytes: 30_000, seed });
      const result = detectHeapLeak(log);
      expect(result.baseline).toBe('post-gc');
      expect(result.verdict).toBe('growing');
      expect(result.slopeBytesPerHour / (38 * MIB)).toBeGreaterThan(0.8);
      expect(result.slopeBytesPerHour / (38 * MIB)).toBeLessThan(1.2);
      expect(result.timeToLimitSeconds! / 86_400).toBeGreaterThan(3);
      expect(result.heapLimitAssumed).toBe(true);
    });

    it(`case 2: the same 32 MB/h leak in 3 min of 4 Hz NDJSON with a 4 GB limit is flagged, not ok (seed ${seed})`, () => {
      const series = syntheticHeap({ samples: 720, intervalMs: 250, base: 20 * MIB, leakBytesPerHour: 32 * MB, sawtoothBytes: 8 * MIB, sawtoothPeriod: 4, noiseBytes: 0.05 * MIB, heapLimit: 4 * 1024 ** 3, seed });
      const result = detectHeapLeak(series);
      expect(result.baseline).toBe('rolling-min');
      expect(['leak', 'growing']).toContain(result.verdict);
      expect(result.verdict).toBe('growing');
    });

    it(`case 3: a fast leak in 90 s of trace-gc with only 5 majors is a leak, from the scavenge floor (seed ${seed})`, () => {
      const log = syntheticGcLog({ seconds: 90, majorEveryMs: 18_000, leakBytesPerHour: 5000 * MB, seed });
      const result = detectHeapLeak(log, { heapLimit: 2048 * MIB });
      expect(log.gcEvents!.filter((event) => event.kind === 'major')).toHaveLength(5);
      expect(result.baseline).toBe('scavenge-floor');
      expect(result.verdict).toBe('leak');
      expect(result.slopeBytesPerHour / (5000 * MB)).toBeGreaterThan(0.8);
      expect(result.slopeBytesPerHour / (5000 * MB)).toBeLessThan(1.2);
    });

    it(`case 3: a 40 MB step in 90 s of trace-gc with only 5 majors is flagged as a step that held (seed ${seed})`, () => {
      const log = syntheticGcLog({ seconds: 90, majorEveryMs: 18_000, step: { atSeconds: 36, bytes: 40 * MB }, seed });
      const result = detectHeapLeak(log);
      expect(result.baseline).toBe('scavenge-floor');
      expect(['leak', 'growing']).toContain(result.verdict);
    });

    it(`case 3, control: promoted garbage that each of 5 majors takes back is not flagged (seed ${seed})`, () => {
      // 20 MB of garbage promoted per 18 s cycle lifts the scavenge floor; the majors stay flat.
      const log = syntheticGcLog({ seconds: 90, majorEveryMs: 18_000, promotedPerScavenge: 110_000, seed });
      const result = detectHeapLeak(log);
      expect(['ok', 'insufficient-data']).toContain(result.verdict);
    });

    it(`case 5: 12 s of raw samples rising between GCs is not an error-level leak (seed ${seed})`, () => {
      // 13 samples at 1 Hz of a healthy service allocating short-lived objects: no collection shows in them.
      const noise = seededNormal(seed + 20);
      const time = Float64Array.from({ length: 13 }, (_, index) => Date.UTC(2026, 11, 7) + index * 1000);
      const heapUsed = Float64Array.from(time, (_, index) => 6 * MB + 0.67 * MB * index + 0.05 * MB * noise());
      const series = { source: 'pid 1', instance: '1', time, columns: { heapUsed, heapLimit: new Float64Array(13).fill(GIB4) } };
      const result = detectHeapLeak(series);
      expect(result.baseline).toBe('raw');
      expect(result.verdict).toBe('insufficient-data');
      expect(result.reasons[0]).toMatch(/run ≥ \d+ min/);
    });
  }

  it('insufficient-data says how long to run', () => {
    // 20 s with one major GC: the scavenge floor climbs (promoted garbage or a leak?) and one major cannot tell.
    const short = detectHeapLeak(syntheticGcLog({ seconds: 20, majorEveryMs: 15_000, seed: 4 }));
    expect(short.verdict).toBe('insufficient-data');
    expect(short.reasons.join(' ')).toMatch(/run ≥ \d+ min|record longer/);
  });
});
