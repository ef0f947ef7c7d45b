// Pool-pressure detector: saturation episodes, the connection-leak staircase, healthy bursts, missing counters.
import { describe, expect, it } from 'vitest';
import { detectPoolPressure } from '../../src/detect/pool-pressure.js';
import { seededRandom } from '../../src/detect/stats/random.js';
import type { PoolSeries } from '../../src/series/types.js';

const MAX = 10;

function pool(inUse: number[], waiting: number[], options: { max?: boolean } = {}): PoolSeries {
  const time = Float64Array.from(inUse, (_, index) => 1_700_000_000_000 + index * 5000);
  const series: PoolSeries = {
    source: 'test',
    name: 'pg test',
    library: 'pg',
    time,
    inUse: Float64Array.from(inUse),
    idle: Float64Array.from(inUse, (value) => Math.max(0, Math.min(2, MAX - value))),
    waiting: Float64Array.from(waiting),
  };
  if (options.max !== false) series.max = new Float64Array(inUse.length).fill(MAX);
  return series;
}

/** Bursty healthy load: in use between 0 and 8, back to near zero in quiet moments. */
function healthy(seed: number, samples = 120): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: samples }, (_, index) => (index % 12 < 3 ? 0 : Math.floor(random() * 9)));
}

describe('pool pressure', () => {
  for (const seed of [1, 2, 3]) {
    it(`healthy bursts are ok (seed ${seed})`, () => {
      const inUse = healthy(seed);
      const result = detectPoolPressure(pool(inUse, inUse.map(() => 0)));
      expect(result.verdict).toBe('ok');
      expect(result.saturationEpisodes).toBe(0);
      expect(result.utilizationP95!).toBeLessThanOrEqual(0.8);
    });

    it(`sustained full pool with waiters is saturated, with episodes and seconds (seed ${seed})`, () => {
      const inUse = healthy(seed);
      const waiting = inUse.map(() => 0);
      // Two episodes: 6 and 4 samples at max with waiters; one single full sample that must not count.
      for (const [from, to] of [[20, 26], [60, 64], [90, 91]]) for (let index = from; index < to; index++) {
        inUse[index] = MAX;
        waiting[index] = 3 + (index % 4);
      }
      const result = detectPoolPressure(pool(inUse, waiting));
      expect(result.verdict).toBe('saturated');
      expect(result.saturationEpisodes).toBe(2);
      expect(result.saturatedSeconds).toBeCloseTo(10 * 5, 0);
      expect(result.longestEpisodeSamples).toBe(6);
      expect(result.waitingMax).toBe(6);
      expect(result.waitingP50).toBe(0);
    });

    it(`in-use climbing in steps that never fall back is leaking-clients (seed ${seed})`, () => {
      const random = seededRandom(seed);
      // One more client is never released every 12 samples; traffic adds 0–2 on top.
      const inUse = Array.from({ length: 120 }, (_, index) => Math.min(MAX, Math.floor(index / 12) + Math.floor(random() * 3)));
      const result = detectPoolPressure(pool(inUse, inUse.map(() => 0)));
      expect(result.verdict).toBe('leaking-clients');
      expect(result.floorSteps).toBeGreaterThanOrEqual(3);
      expect(result.floorRise).toBeGreaterThanOrEqual(7);
    });
  }

  it('reads a long series (a few days at 1 s) without overflowing the stack', () => {
    const inUse = healthy(4, 300_000);
    const waiting = inUse.map((_, index) => (index === 123_456 ? 7 : 0));
    const result = detectPoolPressure(pool(inUse, waiting));
    expect(result.waitingMax).toBe(7);
    expect(result.waitingP50).toBe(0);
  });

  it('without max, waiting > 0 with no idle still shows saturation', () => {
    const inUse = Array.from({ length: 30 }, (_, index) => (index >= 10 && index < 20 ? 10 : 2));
    const waiting = inUse.map((value) => (value === 10 ? 4 : 0));
    const result = detectPoolPressure(pool(inUse, waiting, { max: false }));
    expect(result.verdict).toBe('saturated');
    expect(result.utilizationP50).toBeUndefined();
  });

  it('too few samples or no in-use count is insufficient-data', () => {
    expect(detectPoolPressure(pool([1, 2, 3], [0, 0, 0])).verdict).toBe('insufficient-data');
    const noCounts: PoolSeries = { source: 'x', name: 'y', time: new Float64Array(20), waiting: new Float64Array(20) };
    expect(detectPoolPressure(noCounts).verdict).toBe('insufficient-data');
  });
});

describe('pool pressure on short runs (issue 19, case 7)', () => {
  it('a pool full with callers waiting in every one of a few samples is saturated, and says the run was short', () => {
    const result = detectPoolPressure(pool([10, 10, 10, 10], [11, 11, 11, 11]));
    expect(result.verdict).toBe('saturated');
    expect(result.samples).toBe(4);
    expect(result.reasons[0]).toMatch(/saturated in all 4 samples of a short run/);
    expect(result.waitingMax).toBe(11);
  });

  it('two saturated samples are enough; one is not, nor a short run with one free moment', () => {
    expect(detectPoolPressure(pool([10, 10], [3, 3])).verdict).toBe('saturated');
    expect(detectPoolPressure(pool([10], [3])).verdict).toBe('insufficient-data');
    expect(detectPoolPressure(pool([10, 9, 10], [3, 0, 3])).verdict).toBe('insufficient-data');
  });
});
