// Heap-leak detector on seeded synthetic series: sawtooth, warm-up plateau, slow leak, restarts, noise levels,
// side by side with the seeds' naive method (least squares over the last 10 raw samples).
import { describe, expect, it } from 'vitest';
import { detectHeapLeak } from '../../src/detect/heap-leak.js';
import { naiveLeakVerdict } from '../../src/detect/naive.js';
import { HOUR_MS, MIB, syntheticHeap } from './synthetic.js';

const LIMIT = 512 * MIB;
const NOISE_LEVELS = [0, 0.5 * MIB, 2 * MIB];
const SEEDS = [1, 2, 3];

describe('heap leak vs the naive method', () => {
  for (const noiseBytes of NOISE_LEVELS) {
    for (const seed of SEEDS) {
      it(`flat GC sawtooth (noise ${noiseBytes / MIB} MiB, seed ${seed}): naive says leak, pooldoc says ok`, () => {
        // 3 MiB of garbage per sample, collected every 30 samples; the series ends mid-climb.
        const series = syntheticHeap({ samples: 1440 + 25, intervalMs: 15_000, sawtoothBytes: 90 * MIB, sawtoothPeriod: 30, noiseBytes, heapLimit: LIMIT, seed });
        expect(naiveLeakVerdict(series.columns.heapUsed!).verdict).toBe('leak');
        const result = detectHeapLeak(series);
        expect(result.verdict).toBe('ok');
        expect(result.baseline).toBe('rolling-min');
        expect(Math.abs(result.slopeBytesPerHour)).toBeLessThan(5 * MIB);
        expect(result.timeToLimitSeconds).toBeNull();
      });

      it(`warm-up that plateaus under a sawtooth (noise ${noiseBytes / MIB} MiB, seed ${seed}): naive leak, pooldoc ok`, () => {
        // The live heap rises 250 MiB over the first half of the run, then stays flat.
        const series = syntheticHeap({ samples: 1440 + 25, intervalMs: 15_000, warmupSamples: 720, warmupBytes: 250 * MIB, sawtoothBytes: 90 * MIB, sawtoothPeriod: 30, noiseBytes, heapLimit: LIMIT, seed });
        expect(naiveLeakVerdict(series.columns.heapUsed!).verdict).toBe('leak');
        const result = detectHeapLeak(series);
        expect(result.verdict).toBe('ok');
        expect(result.reasons.join(' ')).toMatch(/plateau/);
      });

      it(`slow real leak of 60 MiB/h (noise ${noiseBytes / MIB} MiB, seed ${seed}): naive ok, pooldoc leak with the slope`, () => {
        // 250 kiB per 15 s sample, far under the naive 1 MB/sample, over 6 hours; limit 512 MiB → minimum 25.6 MiB/h.
        const series = syntheticHeap({ samples: 1440, intervalMs: 15_000, leakBytesPerHour: 60 * MIB, sawtoothBytes: 15 * MIB, sawtoothPeriod: 30, noiseBytes, heapLimit: LIMIT, seed });
        expect(naiveLeakVerdict(series.columns.heapUsed!).verdict).toBe('ok');
        const result = detectHeapLeak(series);
        expect(result.verdict).toBe('leak');
        expect(result.slopeBytesPerHour / (60 * MIB)).toBeGreaterThan(0.9);
        expect(result.slopeBytesPerHour / (60 * MIB)).toBeLessThan(1.1);
        expect(result.slopeInterval![0]).toBeLessThanOrEqual(result.slopeBytesPerHour);
        expect(result.slopeInterval![1]).toBeGreaterThanOrEqual(result.slopeBytesPerHour);
        expect(result.pValue).toBeLessThan(0.01);
        // Live heap after 6 h ≈ 40 + 360 MiB; the rest of the 512 MiB at 60 MiB/h is ≈ 1.9 h.
        const expected = ((LIMIT - series.live[series.live.length - 1]) / (60 * MIB)) * 3600;
        expect(result.timeToLimitSeconds! / expected).toBeGreaterThan(0.8);
        expect(result.timeToLimitSeconds! / expected).toBeLessThan(1.2);
      });
    }
  }
});

describe('heap leak detector', () => {
  it('uses post-major-GC heap when GC events exist and recovers the slope', () => {
    const series = syntheticHeap({ samples: 600, intervalMs: 1000, leakBytesPerHour: 400 * MIB, sawtoothBytes: 50 * MIB, sawtoothPeriod: 10, noiseBytes: 0.2 * MIB, gcEvents: true, seed: 4 });
    const result = detectHeapLeak(series, { heapLimit: 2048 * MIB });
    expect(result.baseline).toBe('post-gc');
    expect(result.verdict).toBe('leak');
    expect(result.slopeBytesPerHour / (400 * MIB)).toBeCloseTo(1, 1);
    expect(result.rSquared).toBeGreaterThan(0.9);
  });

  it('certain growth that reaches the limit beyond the horizon is growing (a warning), with its time to the limit', () => {
    // 30 MiB/h into 4 GiB: about 135 h to the limit, far beyond the default 24 h horizon, but never "ok".
    const series = syntheticHeap({ samples: 1440, intervalMs: 15_000, leakBytesPerHour: 30 * MIB, sawtoothBytes: 20 * MIB, heapLimit: 4096 * MIB, seed: 5 });
    const result = detectHeapLeak(series);
    expect(result.pValue).toBeLessThan(0.01);
    expect(result.verdict).toBe('growing');
    expect(result.timeToLimitSeconds! / 3600).toBeGreaterThan(100);
    expect(result.timeToLimitSeconds! / 3600).toBeLessThan(170);
    // The leak line is what reaches the remaining ~4 GiB within 24 h.
    expect(result.minGrowthBytesPerHour! / ((4096 - 88) * MIB / 24)).toBeCloseTo(1, 1);
    // A horizon of a month makes the same growth a leak.
    expect(detectHeapLeak(series, { horizonSeconds: 30 * 86_400 }).verdict).toBe('leak');
  });

  it('a drop with no restart evidence is not a restart: the whole series is fitted', () => {
    // 300 MiB/h for 4 h, then a fall back to 40 MiB and 1 h more, with no marker: nothing says the pid changed.
    const series = syntheticHeap({ samples: 1200, intervalMs: 15_000, leakBytesPerHour: 300 * MIB, sawtoothBytes: 20 * MIB, restartAt: [960], seed: 6 });
    const markers = series.restarts;
    delete series.restarts;
    expect(detectHeapLeak(series, { heapLimit: 2048 * MIB }).restarts).toBe(0);
    // With the marker (a pid or start time that changed), it splits and fits the longest segment.
    const result = detectHeapLeak(series, { heapLimit: 2048 * MIB, restarts: markers });
    expect(result.restarts).toBe(1);
    expect(result.verdict).toBe('leak');
    expect(result.slopeBytesPerHour / (300 * MIB)).toBeCloseTo(1, 1);
  });

  it('splits at given restart markers even when the drop is small', () => {
    // Leak 60 MiB/h; restarts every 90 minutes drop only ~90 MiB of 400: markers are needed to see them.
    const series = syntheticHeap({ samples: 1440, intervalMs: 15_000, base: 300 * MIB, leakBytesPerHour: 60 * MIB, sawtoothBytes: 20 * MIB, restartAt: [360, 720, 1080], heapLimit: LIMIT, seed: 7 });
    const withMarkers = detectHeapLeak(series);
    expect(withMarkers.restarts).toBe(3);
    expect(withMarkers.verdict).toBe('leak');
    const withoutMarkers = detectHeapLeak({ ...series, restarts: undefined });
    expect(withoutMarkers.restarts).toBe(0);
    // Fitted across restarts, the saw of resets hides the growth.
    expect(withoutMarkers.slopeBytesPerHour).toBeLessThan(withMarkers.slopeBytesPerHour / 2);
  });

  it('says insufficient-data with too few points, and with no heap data at all', () => {
    const short = detectHeapLeak(syntheticHeap({ samples: 8, intervalMs: 1000, leakBytesPerHour: 1000 * MIB }));
    expect(short.verdict).toBe('insufficient-data');
    expect(short.reasons[0]).toMatch(/baseline points/);
    const empty = detectHeapLeak({ source: 'x', instance: 'y', time: new Float64Array(3), columns: {} });
    expect(empty.verdict).toBe('insufficient-data');
  });

  it('judges 1 M raw samples by bucketing the baseline (a leak of 500 MiB/h over 2.8 h)', () => {
    const series = syntheticHeap({ samples: 1_000_000, intervalMs: 10, leakBytesPerHour: 500 * MIB, sawtoothBytes: 40 * MIB, sawtoothPeriod: 50, noiseBytes: 1 * MIB, heapLimit: 4096 * MIB, seed: 8 });
    const result = detectHeapLeak(series);
    expect(result.verdict).toBe('leak');
    expect(result.baselinePoints!.time.length).toBeLessThanOrEqual(5000);
    expect(result.slopeBytesPerHour / (500 * MIB)).toBeCloseTo(1, 1);
    expect(series.time[series.time.length - 1] - series.time[0]).toBeGreaterThan(2.7 * HOUR_MS);
  });
});
