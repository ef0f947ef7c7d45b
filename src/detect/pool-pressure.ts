// INTERIM stand-in for the pool-pressure detector of feat/detect (same signature): replaced by theirs on merge.
import type { PoolSeries } from '../series/types.js';
import type { PoolPressureResult } from './types.js';

const MIN_POOL_SAMPLES = 10;
const SATURATION_MIN_SAMPLES = 3;

export function detectPoolPressure(pool: PoolSeries): PoolPressureResult {
  const samples = pool.time.length;
  const base = { name: pool.name, library: pool.library, samples, saturatedSeconds: 0, saturationEpisodes: 0 };
  const inUse = pool.inUse;
  if (!inUse || samples < MIN_POOL_SAMPLES) return { ...base, verdict: 'insufficient-data', reasons: [`only ${samples} samples (need ${MIN_POOL_SAMPLES})`] };
  let run = 0;
  let episodes = 0;
  let waitingMax = 0;
  for (let index = 0; index <= samples; index++) {
    const max = pool.max?.[index];
    const full = index < samples && (max === undefined || Number.isNaN(max) || inUse[index]! >= max) && (pool.waiting?.[index] ?? 1) > 0 && (pool.idle?.[index] ?? 0) === 0;
    if (index < samples) waitingMax = Math.max(waitingMax, pool.waiting?.[index] ?? 0);
    if (full) run++;
    else {
      if (run >= SATURATION_MIN_SAMPLES) episodes++;
      run = 0;
    }
  }
  const verdict = episodes > 0 ? 'saturated' : 'ok';
  return { ...base, verdict, saturationEpisodes: episodes, waitingMax, reasons: [episodes > 0 ? `${episodes} saturation episode(s)` : 'never saturated'] };
}
