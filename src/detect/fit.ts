// The trend fit shared by the memory detectors: Theil–Sen slope gated by Mann–Kendall, OLS R², recent slope.
import { linearRegression, linearRegressionLine, rSquared } from 'simple-statistics';
import { mannKendall } from './stats/mann-kendall.js';
import { theilSen } from './stats/theil-sen.js';
import { TAIL_FRACTION, TAIL_MIN_POINTS } from './thresholds.js';

const MS_PER_HOUR = 3_600_000;

export interface TrendFit {
  points: number;
  spanSeconds: number;
  startTime: number;
  endTime: number;
  /** Theil–Sen slope and 95 % interval, value units per hour. */
  slopePerHour: number;
  interval: [number, number];
  /** Theil–Sen line's value at startTime. */
  interceptAtStart: number;
  /** One-sided Mann–Kendall p-value for an increase. */
  pValue: number;
  /** OLS R² on the same points: how straight the growth is (a confidence, not a gate). */
  rSquared: number;
  /** Theil–Sen slope of the last quarter (≥ TAIL_MIN_POINTS points), per hour; NaN if too short. */
  recentSlopePerHour: number;
}

/** Fits time (epoch ms) → value over [start, end). Time is shifted to hours from the start for precision. */
export function fitTrend(time: Float64Array, value: Float64Array, start: number, end: number): TrendFit {
  const startTime = time[start];
  const hours = new Float64Array(end - start);
  for (let index = start; index < end; index++) hours[index - start] = (time[index] - startTime) / MS_PER_HOUR;
  const values = value.subarray(start, end);
  const sen = theilSen(hours, values);
  const trend = mannKendall(values);
  const pairs = Array.from(hours, (hour, index) => [hour, values[index]]);
  const line = linearRegressionLine(linearRegression(pairs));
  const determination = rSquared(pairs, line);
  const tailPoints = Math.max(TAIL_MIN_POINTS, Math.ceil(hours.length * TAIL_FRACTION));
  const recent = hours.length >= tailPoints * 2 ? theilSen(hours.subarray(hours.length - tailPoints), values.subarray(values.length - tailPoints)).slope : Number.NaN;
  return {
    points: hours.length,
    spanSeconds: (time[end - 1] - startTime) / 1000,
    startTime,
    endTime: time[end - 1],
    slopePerHour: sen.slope,
    interval: [sen.low, sen.high],
    interceptAtStart: sen.intercept,
    pValue: trend.pIncreasing,
    // A perfectly flat series has no variance to explain: R² is undefined, reported as 0.
    rSquared: Number.isFinite(determination) ? determination : 0,
    recentSlopePerHour: recent,
  };
}
