// Theil–Sen, Mann–Kendall and selection checked against textbook formulas and scipy 1.17's reference values.
import { describe, expect, it } from 'vitest';
import { kendallVariance, mannKendall, normalUpperTail, tieTerm } from '../../src/detect/stats/mann-kendall.js';
import { seededNormal, seededRandom } from '../../src/detect/stats/random.js';
import { medianInPlace, selectInPlace } from '../../src/detect/stats/select.js';
import { EXACT_THEIL_SEN_MAX_POINTS, theilSen } from '../../src/detect/stats/theil-sen.js';

const PI_DIGITS = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
const TIED = [5, 5, 6, 6, 6, 7, 4, 8, 8, 9, 9, 9, 10];
const range = (n: number, step = 1) => Array.from({ length: n }, (_, index) => index * step);

describe('Mann–Kendall', () => {
  it('strictly increasing n = 10: S = n(n−1)/2 = 45, Var = n(n−1)(2n+5)/18 = 125', () => {
    const result = mannKendall(range(10));
    expect(result.s).toBe(45);
    expect(result.variance).toBe(125);
    expect(result.z).toBeCloseTo(44 / Math.sqrt(125), 10);
    expect(result.pIncreasing).toBeCloseTo(4.151535e-5, 8);
  });
  it('strictly decreasing gives S = −45 and p ≈ 1 for the increasing alternative', () => {
    const result = mannKendall(range(10).reverse());
    expect(result.s).toBe(-45);
    expect(result.pIncreasing).toBeGreaterThan(0.9999);
  });
  it('ties reduce the variance: groups 2,3,2,3 give Σt(t−1)(2t+5) = 18+66+18+66', () => {
    expect(tieTerm(TIED)).toBe(168);
    const result = mannKendall(TIED);
    expect(result.s).toBe(58);
    expect(result.variance).toBeCloseTo(259.3333333, 6);
    expect(result.z).toBeCloseTo(3.5395307, 6);
    expect(result.pIncreasing).toBeCloseTo(2.0041957e-4, 8);
    expect(kendallVariance(13, 0)).toBeCloseTo((13 * 12 * 31) / 18, 10);
  });
  it('digits of π: S = 55, Var = 399, p = 0.0034319', () => {
    const result = mannKendall(PI_DIGITS);
    expect(result.s).toBe(55);
    expect(result.variance).toBe(399);
    expect(result.pIncreasing).toBeCloseTo(0.0034319, 6);
  });
  it('normal tail is accurate where a table-based CDF saturates', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(5) / 2.866516e-7).toBeCloseTo(1, 4);
  });
});

describe('Theil–Sen (values from scipy.stats.theilslopes, alpha = 0.95, method = joint)', () => {
  it('matches slope, intercept and Sen interval on a small series', () => {
    const fit = theilSen(range(10), [1, 3, 2, 5, 4, 6, 8, 7, 9, 12]);
    expect(fit.slope).toBe(1);
    expect(fit.intercept).toBe(1);
    expect(fit.low).toBeCloseTo(0.75, 10);
    expect(fit.high).toBeCloseTo(1.4285714, 6);
    expect(fit.sampled).toBe(false);
  });
  it('matches with ties in y', () => {
    const fit = theilSen(range(TIED.length), TIED);
    expect(fit.slope).toBeCloseTo(0.4226190476, 9);
    expect(fit.intercept).toBeCloseTo(4.7738095238, 9);
    expect(fit.low).toBeCloseTo(1 / 3, 9);
    expect(fit.high).toBeCloseTo(0.5, 9);
  });
  it('matches with non-unit x spacing (method = joint: intercept = median(y − slope·x))', () => {
    const fit = theilSen(range(PI_DIGITS.length, 2.5), PI_DIGITS);
    expect(fit.slope).toBeCloseTo(0.1777777778, 9);
    expect(fit.intercept).toBeCloseTo(2.7777777778, 9);
    expect(fit.low).toBeCloseTo(0.08, 9);
    expect(fit.high).toBeCloseTo(0.2909090909, 9);
  });
  it('ignores up to 29 % gross outliers, where least squares would not', () => {
    const y = range(50).map((x) => 2 * x + 1);
    for (let index = 0; index < 14; index++) y[index * 3] += 1000;
    expect(theilSen(range(50), y).slope).toBeCloseTo(2, 10);
  });
  it('samples pairs deterministically on long series and stays within its interval of the true slope', () => {
    const n = EXACT_THEIL_SEN_MAX_POINTS * 3;
    const noise = seededNormal(7);
    const y = range(n).map((x) => 3 * x + 50 * noise());
    const first = theilSen(range(n), y);
    const second = theilSen(range(n), y);
    expect(first.sampled).toBe(true);
    expect(first.slope).toBe(second.slope);
    expect(first.slope).toBeGreaterThan(first.low);
    expect(first.low).toBeLessThan(3);
    expect(first.high).toBeGreaterThan(3);
    expect(Math.abs(first.slope - 3)).toBeLessThan(0.02);
  });
  it('returns NaN with fewer than two points', () => {
    expect(theilSen([1], [1]).slope).toBeNaN();
  });
});

describe('selection', () => {
  it('selectInPlace and medianInPlace agree with a full sort on random arrays', () => {
    const random = seededRandom(3);
    for (const size of [1, 2, 3, 10, 101, 1000]) {
      const values = Float64Array.from({ length: size }, () => Math.floor(random() * 50));
      const sorted = Float64Array.from(values).sort();
      const k = Math.floor(random() * size);
      expect(selectInPlace(Float64Array.from(values), k)).toBe(sorted[k]);
      const expected = size % 2 ? sorted[size >> 1] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
      expect(medianInPlace(Float64Array.from(values))).toBe(expected);
    }
  });
});
