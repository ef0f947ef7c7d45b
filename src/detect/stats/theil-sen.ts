// Theil–Sen robust slope with Sen's (1968) rank-based confidence interval; pairs are sampled for long series.
import { kendallVariance, tieTerm } from './mann-kendall.js';
import { seededRandom } from './random.js';
import { medianInPlace, selectInPlace } from './select.js';

/**
 * All n(n−1)/2 pairs are used up to this many points (≈ 2 M slopes, 16 MB of doubles, ~50 ms); beyond it a
 * fixed number of pairs is drawn. The sampled median's standard error is ~1/√pairs of the slope spread, far
 * below the confidence interval's width, so the verdict does not change.
 */
export const EXACT_THEIL_SEN_MAX_POINTS = 2000;
/** Pairs drawn when the series is longer than EXACT_THEIL_SEN_MAX_POINTS (same memory bound as the exact case). */
export const SAMPLED_PAIRS = 2_000_000;
/** Fixed seed: the same input always gives the same slope and interval (reports must be reproducible). */
export const PAIR_SAMPLING_SEED = 0x5e41968;
/** Two-sided 95 % standard normal quantile, z(0.975). simple-statistics' probit is table-based (1.957), too coarse. */
const Z_95 = 1.959963984540054;

export interface TheilSenFit {
  /** Median of pairwise slopes (y units per x unit). */
  slope: number;
  /** median(y − slope · x): the line through the middle of the residuals, as scipy.stats.theilslopes reports it. */
  intercept: number;
  /** 95 % confidence interval of the slope (Sen 1968, eq. 2.6). */
  low: number;
  high: number;
  /** Pairwise slopes the median was taken over, and whether they were a random sample of all pairs. */
  pairs: number;
  sampled: boolean;
}

/**
 * Sen, P. K. (1968), "Estimates of the regression coefficient based on Kendall's tau", JASA 63:1379–1389.
 * Pairs with equal x are skipped. `x` must be ascending (time order), as every Series is.
 */
export function theilSen(x: ArrayLike<number>, y: ArrayLike<number>): TheilSenFit {
  const n = Math.min(x.length, y.length);
  if (n < 2) return { slope: Number.NaN, intercept: Number.NaN, low: Number.NaN, high: Number.NaN, pairs: 0, sampled: false };
  const sampled = n > EXACT_THEIL_SEN_MAX_POINTS;
  const slopes = sampled ? sampledSlopes(x, y, n) : allSlopes(x, y, n);
  const count = slopes.length;
  if (count === 0) return { slope: Number.NaN, intercept: Number.NaN, low: Number.NaN, high: Number.NaN, pairs: 0, sampled };

  // Sen's interval: the slopes ranked (N ∓ z·σ_S)/2, σ_S² = Kendall's variance with ties in x and y.
  const totalPairs = (n * (n - 1)) / 2 - tiedPairs(x, n);
  const sigma = Math.sqrt(Math.max(0, kendallVariance(n, tieTerm(x) + tieTerm(y))));
  const lowRank = Math.max(Math.round((totalPairs - Z_95 * sigma) / 2) - 1, 0);
  const highRank = Math.min(Math.round((totalPairs + Z_95 * sigma) / 2), totalPairs - 1);
  const scale = count / totalPairs;
  // The median first; then each bound is searched only on its side of the middle, which halves the work.
  const slope = medianInPlace(slopes);
  const middle = count >>> 1;
  const lowIndex = Math.min(count - 1, Math.floor(lowRank * scale));
  const highIndex = Math.min(count - 1, Math.floor(highRank * scale));
  const low = lowIndex <= middle ? selectInPlace(slopes, lowIndex, 0, middle + 1) : selectInPlace(slopes, lowIndex);
  const high = highIndex >= middle ? selectInPlace(slopes, highIndex, middle, count) : selectInPlace(slopes, highIndex);

  const intercept = medianInPlace(Float64Array.from({ length: n }, (_, index) => y[index] - slope * x[index]));
  return { slope, intercept, low, high, pairs: count, sampled };
}

function allSlopes(x: ArrayLike<number>, y: ArrayLike<number>, n: number): Float64Array {
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let count = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i], yi = y[i];
    for (let j = i + 1; j < n; j++) {
      const dx = x[j] - xi;
      if (dx !== 0) slopes[count++] = (y[j] - yi) / dx;
    }
  }
  return slopes.subarray(0, count);
}

function sampledSlopes(x: ArrayLike<number>, y: ArrayLike<number>, n: number): Float64Array {
  const random = seededRandom(PAIR_SAMPLING_SEED);
  const slopes = new Float64Array(SAMPLED_PAIRS);
  let count = 0;
  // Bounded attempts: a series whose x values are mostly tied could otherwise loop for a long time.
  for (let attempt = 0; attempt < SAMPLED_PAIRS * 4 && count < SAMPLED_PAIRS; attempt++) {
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    const dx = x[j] - x[i];
    if (dx !== 0) slopes[count++] = (y[j] - y[i]) / dx;
  }
  return slopes.subarray(0, count);
}

/** Number of pairs with equal x (they have no slope). */
function tiedPairs(x: ArrayLike<number>, n: number): number {
  let pairs = 0;
  let run = 1;
  for (let index = 1; index <= n; index++) {
    if (index < n && x[index] === x[index - 1]) {
      run++;
      continue;
    }
    pairs += (run * (run - 1)) / 2;
    run = 1;
  }
  return pairs;
}
