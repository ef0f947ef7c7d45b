// Pool-pressure detector: saturation episodes, waiting and utilisation percentiles, and the connection-leak signature.
//
// Inputs: one PoolSeries (inUse or total − idle; optional idle, waiting, max). States: ok | saturated |
// leaking-clients | insufficient-data. Thresholds are named below with their reasons.
import { quantile } from 'simple-statistics';
import type { PoolSeries } from '../series/types.js';
import type { PoolPressureResult } from './types.js';
import { lastFinite, maxOf } from './series-values.js';
import { quietFloorSteps } from './pool-floor.js';

/** Fewer samples than this and no verdict: one scrape of a full pool is a moment, not a state. */
export const MIN_POOL_SAMPLES = 10;
/**
 * Saturation must hold for 3 consecutive samples (reference §3: "sustained across several consecutive
 * samples"): a single full sample is one burst that the queue absorbed.
 */
export const SATURATION_MIN_SAMPLES = 3;
/**
 * A run shorter than MIN_POOL_SAMPLES still gives a verdict when the pool was saturated in every one of at least
 * this many samples: two readings a sample interval apart, both full with callers waiting, are a stuck pool (a
 * burst the queue absorbs is gone by the next reading), and "insufficient-data" would hide it (issue 19, case 7).
 */
export const SHORT_RUN_MIN_SAMPLES = 2;
/**
 * Connection-leak signature: the quiet-period floor of in-use (its minimum per window) stepped up at least
 * 3 times and never came back down. One step is a reconnect or a long transaction; three without a fall
 * are clients that are never released (HikariCP's leak task looks for the same thing per connection).
 */
export const LEAK_MIN_FLOOR_STEPS = 3;

export function detectPoolPressure(pool: PoolSeries): PoolPressureResult {
  const samples = pool.time.length;
  const inUse = pool.inUse ?? difference(pool.total, pool.idle);
  const spanSeconds = samples > 1 ? (pool.time[samples - 1] - pool.time[0]) / 1000 : 0;
  const base = { name: pool.name, library: pool.library, source: pool.source, samples, spanSeconds, saturatedSeconds: 0, saturationEpisodes: 0 };
  if (!inUse) return { ...base, verdict: 'insufficient-data', reasons: ['no in-use count (inUse, or total and idle) for this pool'] };
  const poolMax = lastFinite(pool.max);
  if (samples < MIN_POOL_SAMPLES) return shortRun(pool, inUse, poolMax, base);

  const episodes = saturationEpisodes(pool, inUse, poolMax);
  const floor = quietFloorSteps(inUse);
  const numbers = {
    ...base,
    saturatedSeconds: episodes.seconds,
    saturationEpisodes: episodes.count,
    longestEpisodeSamples: episodes.longest,
    ...percentiles('waiting', pool.waiting),
    ...utilization(inUse, poolMax),
    floorSteps: floor.steps,
    floorRise: floor.rise,
    inUseMax: maxOf(inUse),
    poolMax,
  };
  const reasons: string[] = [];
  if (floor.steps >= LEAK_MIN_FLOOR_STEPS && floor.drops === 0 && floor.rise > 0) {
    reasons.push(`in-use floor rose ${floor.rise} in ${floor.steps} steps and never fell back in quiet periods`);
    if (episodes.count > 0) reasons.push(`${episodes.count} saturation episode(s), ${episodes.seconds.toFixed(0)} s`);
    return { ...numbers, verdict: 'leaking-clients', reasons };
  }
  if (episodes.count > 0) {
    reasons.push(`${episodes.count} saturation episode(s) of ≥ ${SATURATION_MIN_SAMPLES} samples, ${episodes.seconds.toFixed(0)} s in total`);
    return { ...numbers, verdict: 'saturated', reasons };
  }
  reasons.push(poolMax === undefined && !pool.waiting ? 'no max or waiting count: saturation cannot be seen, only the leak signature' : 'never saturated; in-use falls back in quiet periods');
  return { ...numbers, verdict: 'ok', reasons };
}

/** Too few samples for episodes and floors: saturated only when every sample was, else insufficient-data. */
function shortRun(pool: PoolSeries, inUse: Float64Array, poolMax: number | undefined, base: Omit<PoolPressureResult, 'verdict' | 'reasons'>): PoolPressureResult {
  const { samples } = base;
  const episodes = samples >= SHORT_RUN_MIN_SAMPLES ? saturationEpisodes(pool, inUse, poolMax, samples) : undefined;
  if (!episodes || episodes.longest < samples) return { ...base, verdict: 'insufficient-data', reasons: [`only ${samples} samples (need ${MIN_POOL_SAMPLES})`] };
  return {
    ...base,
    saturatedSeconds: episodes.seconds,
    saturationEpisodes: 1,
    longestEpisodeSamples: samples,
    ...percentiles('waiting', pool.waiting),
    ...utilization(inUse, poolMax),
    inUseMax: maxOf(inUse),
    poolMax,
    verdict: 'saturated',
    reasons: [`saturated in all ${samples} samples of a short run (${(base.spanSeconds ?? 0).toFixed(0)} s; ${MIN_POOL_SAMPLES} samples give episodes and the client-leak check)`],
  };
}

/** A sample is saturated when in use reaches max, nothing is idle and requests wait (each when known). */
function saturationEpisodes(pool: PoolSeries, inUse: Float64Array, poolMax: number | undefined, minSamples = SATURATION_MIN_SAMPLES): { count: number; seconds: number; longest: number } {
  const { time, idle, waiting } = pool;
  // Without max or waiting there is nothing that shows a full pool.
  if (poolMax === undefined && !waiting) return { count: 0, seconds: 0, longest: 0 };
  const interval = medianInterval(time);
  let count = 0, seconds = 0, longest = 0, run = 0;
  for (let index = 0; index <= time.length; index++) {
    const full = index < time.length
      && (poolMax === undefined || inUse[index] >= (pool.max?.[index] ?? poolMax))
      && (!idle || idle[index] === 0)
      // Every pool library listed in the reference queues only when it has no capacity left, so waiting > 0 means full.
      && (!waiting || waiting[index] > 0);
    if (full) {
      run++;
      continue;
    }
    if (run >= minSamples) {
      count++;
      seconds += (time[index - 1] - time[index - run]) / 1000 + interval / 1000;
      longest = Math.max(longest, run);
    }
    run = 0;
  }
  return { count, seconds, longest };
}

function percentiles(name: 'waiting', values: Float64Array | undefined): Partial<PoolPressureResult> {
  const finite = values ? Array.from(values).filter(Number.isFinite) : [];
  if (finite.length === 0) return {};
  // maxOf, not Math.max(...finite): spreading ~100 k+ samples (a day at 1 s) overflows the call stack.
  return { [`${name}P50`]: quantile(finite, 0.5), [`${name}P95`]: quantile(finite, 0.95), [`${name}Max`]: maxOf(finite) };
}

function utilization(inUse: Float64Array, poolMax: number | undefined): Partial<PoolPressureResult> {
  if (poolMax === undefined || poolMax <= 0) return {};
  const ratios = Array.from(inUse, (value) => value / poolMax).filter(Number.isFinite);
  if (ratios.length === 0) return {};
  return { utilizationP50: quantile(ratios, 0.5), utilizationP95: quantile(ratios, 0.95) };
}

function difference(total: Float64Array | undefined, idle: Float64Array | undefined): Float64Array | undefined {
  if (!total || !idle) return undefined;
  return Float64Array.from(total, (value, index) => value - idle[index]);
}

function medianInterval(time: Float64Array): number {
  if (time.length < 2) return 0;
  const gaps = Array.from({ length: time.length - 1 }, (_, index) => time[index + 1] - time[index]);
  return quantile(gaps, 0.5);
}
