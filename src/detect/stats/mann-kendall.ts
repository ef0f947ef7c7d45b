// One-sided Mann–Kendall trend test with the tie-corrected variance and a normal-approximation p-value.
import { errorFunction } from 'simple-statistics';

export interface MannKendallResult {
  n: number;
  /** S = Σ sign(x_j − x_i) over all i < j. */
  s: number;
  /** Var(S) corrected for tied groups. */
  variance: number;
  /** (S − 1)/√Var for S > 0, (S + 1)/√Var for S < 0, else 0 (continuity correction). */
  z: number;
  /** One-sided p-value for an increasing trend: P(Z ≥ z). */
  pIncreasing: number;
}

/**
 * Σ t(t−1)(2t+5) over groups of equal values: the tie term of Kendall's variance (Kendall 1975; Gilbert 1987,
 * eq. 16.4). Sorts a copy, O(n log n).
 */
export function tieTerm(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  let term = 0;
  let run = 1;
  for (let index = 1; index <= sorted.length; index++) {
    if (index < sorted.length && sorted[index] === sorted[index - 1]) {
      run++;
      continue;
    }
    if (run > 1) term += run * (run - 1) * (2 * run + 5);
    run = 1;
  }
  return term;
}

/** Var(S) = [n(n−1)(2n+5) − Σ ties]/18. */
export function kendallVariance(n: number, ties: number): number {
  return (n * (n - 1) * (2 * n + 5) - ties) / 18;
}

/** Upper-tail probability of the standard normal, P(Z ≥ z), via the error function (accurate in the far tail). */
export function normalUpperTail(z: number): number {
  return 0.5 * (1 - errorFunction(z / Math.SQRT2));
}

/**
 * Mann (1945) / Kendall (1975) test for a monotonic increase. O(n²) comparisons: callers pass bucketed series
 * (a few thousand points at most, see baseline.ts), never raw millions of samples.
 */
export function mannKendall(values: ArrayLike<number>): MannKendallResult {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const reference = values[i];
    for (let j = i + 1; j < n; j++) {
      const later = values[j];
      if (later > reference) s++;
      else if (later < reference) s--;
    }
  }
  const variance = kendallVariance(n, tieTerm(values));
  let z = 0;
  if (variance > 0 && s > 0) z = (s - 1) / Math.sqrt(variance);
  else if (variance > 0 && s < 0) z = (s + 1) / Math.sqrt(variance);
  return { n, s, variance, z, pIncreasing: normalUpperTail(z) };
}
