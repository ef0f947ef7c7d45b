// Thresholds shared by the memory detectors (heap and native leak), each with its reason and source.

/** One-sided Mann–Kendall significance for "increasing" (reference §5: p < 0.01; 1 % false alarms per series). */
export const LEAK_P_VALUE = 0.01;

const MIB = 1024 * 1024;
/**
 * Minimum effect: projected growth per hour of at least 5 % of the heap limit (Coroot `MemoryGrowthPct`:
 * growth over the last hour ≥ 5 % of the limit). A statistically certain 1 kB/h drift is not an incident.
 */
export const MIN_GROWTH_FRACTION_OF_LIMIT_PER_HOUR = 0.05;
/** …and never less than 10 MiB/h, so a tiny configured limit does not turn noise into findings (reference §5). */
export const MIN_GROWTH_BYTES_PER_HOUR = 10 * MIB;
/** Without a known limit, Coroot's absolute floor applies: 50 MiB of projected growth per hour. */
export const MIN_GROWTH_NO_LIMIT_BYTES_PER_HOUR = 50 * MIB;

/** The growth a series must show to be called a leak, given its limit (bytes) if known. */
export function minimumGrowthPerHour(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return MIN_GROWTH_NO_LIMIT_BYTES_PER_HOUR;
  return Math.max(MIN_GROWTH_FRACTION_OF_LIMIT_PER_HOUR * limit, MIN_GROWTH_BYTES_PER_HOUR);
}

/**
 * Recent-slope check (Coroot): the last quarter of the segment, at least 5 points, must still grow at
 * ≥ 0.3 × the overall slope. A warm-up that plateaus has a steep start and a flat tail; a leak does not.
 */
export const TAIL_FRACTION = 0.25;
export const TAIL_MIN_POINTS = 5;
export const TAIL_MIN_SLOPE_RATIO = 0.3;
