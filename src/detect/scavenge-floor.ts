// The check a `scavenge-floor` baseline needs: its rise counts only where the major GCs rise with it.
//
// Between two major GCs every scavenge promotes some garbage into old space, so the floor of the collections' end
// sizes climbs in a healthy process too, and each major GC takes it back. A leak survives the majors: the heap after
// each major climbs at the floor's rate. With too few majors in the fitted span nothing can tell the two apart.
import type { Baseline } from './baseline.js';
import type { TrendFit } from './fit.js';
import { medianInPlace } from './stats/select.js';
import { formatRate } from '../units.js';

/** Two majors give one slope; three give a median that one odd collection cannot move. */
const MIN_MAJORS_TO_CONFIRM = 2;
// [mine] Majors that do not climb refute the floor's rise only when there are as many as a post-GC baseline needs: on
// bench/verdicts 5–6 majors of a 30–100 MB/h leak fell by chance (floating garbage) and an `ok` would have hidden it.
const MIN_MAJORS_TO_REFUTE = 10;
/** [mine] The majors must climb at half the floor's rate or more: a leak lifts both alike, garbage only the floor. */
const MIN_MAJOR_SHARE_OF_FLOOR_SLOPE = 0.5;

export interface MajorsCheck {
  confirmed: boolean;
  /** Enough majors that an unconfirmed rise is a verdict (`ok`), not a gap in the data. */
  enoughMajors: boolean;
  reason: string;
}

export function confirmedByMajors(baseline: Baseline, fit: TrendFit): MajorsCheck {
  const majors = baseline.majors ?? { time: new Float64Array(0), value: new Float64Array(0) };
  let first = 0;
  while (first < majors.time.length && majors.time[first] < fit.startTime) first++;
  const time = majors.time.subarray(first);
  const value = majors.value.subarray(first);
  const floor = formatRate(fit.slopePerHour);
  if (time.length < MIN_MAJORS_TO_CONFIRM) {
    return { confirmed: false, enoughMajors: false, reason: `the floor of the collections' end sizes rises ${floor}, but ${time.length} major GC(s) in the fitted span cannot tell a leak from promoted garbage; record longer (≥ 3 major GCs)` };
  }
  const majorSlope = halvesSlope(time, value);
  if (majorSlope >= MIN_MAJOR_SHARE_OF_FLOOR_SLOPE * fit.slopePerHour) {
    return { confirmed: true, enoughMajors: true, reason: `the heap after each of ${time.length} major GCs climbs ${formatRate(majorSlope)}` };
  }
  const enoughMajors = time.length >= MIN_MAJORS_TO_REFUTE;
  const reason = enoughMajors
    ? `the floor rises ${floor} between major GCs, but the ${time.length} major GCs take it back (${formatRate(majorSlope)}): promoted garbage, not a leak`
    : `the floor rises ${floor}, but the ${time.length} major GCs do not (${formatRate(majorSlope)}); record longer (≥ 3 major GCs) to tell`;
  return { confirmed: false, enoughMajors, reason };
}

/**
 * The majors' rise as the later half's median level minus the earlier half's, over the time between the halves'
 * median times (per hour). A line fit would miss a step (its slope is the steepness of one jump between two flat
 * levels); the halves see a ramp and a step alike. With an odd count the middle major belongs to neither half.
 */
function halvesSlope(time: Float64Array, value: Float64Array): number {
  const half = Math.floor(time.length / 2);
  const later = time.length - half;
  const rise = median(value.subarray(later)) - median(value.subarray(0, half));
  const hours = (median(time.subarray(later)) - median(time.subarray(0, half))) / 3_600_000;
  return hours > 0 ? rise / hours : 0;
}

function median(values: Float64Array): number {
  return medianInPlace(Float64Array.from(values));
}
