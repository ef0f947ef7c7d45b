// Thresholds shared by the memory detectors (heap and native leak), each with its reason and source.

/** One-sided Mann–Kendall significance for "increasing" (reference §5: p < 0.01; 1 % false alarms per series). */
export const LEAK_P_VALUE = 0.01;

const MIB = 1024 * 1024;
const HOUR_SECONDS = 3600;

/**
 * The line between `leak` (error) and `growing` (warning): growth that reaches the heap limit within this horizon
 * is a leak. A day is what an on-call rotation acts on tonight; slower certain growth is still reported, as a
 * warning with its rate and time to the limit. `--horizon` (and `leakHorizon` in .pooldocrc) change it.
 */
export const DEFAULT_LEAK_HORIZON_SECONDS = 24 * HOUR_SECONDS;

/**
 * When neither the input nor `--heap-limit` says the limit (a trace-gc log never does), the projection uses V8's
 * default old-space ceiling on 64-bit hosts with ≥ 16 GiB (heap_size_limit ≈ 4 GiB on Node 20–24), and says so.
 */
export const ASSUMED_HEAP_LIMIT_BYTES = 4096 * MIB;

/**
 * Certain growth slower than this is reported as `ok` with its rate. Measured on bench/verdicts: healthy processes
 * (sawtooth, warm-up then plateau) in their first 10 minutes rise 1–22 MB/h with p < 0.01 (lazily compiled code,
 * inline caches, V8 growing its own tables), so a run of minutes cannot tell slower growth from a young process
 * settling. 25 MiB/h still flags the 32 MB/h service (it fills 4 GiB in five days).
 */
export const MIN_GROWING_BYTES_PER_HOUR = 25 * MIB;
/**
 * Growth seen only in sampled heapUsed (a `rolling-min` baseline) is flagged from this span on. Shorter, a leak, a
 * process warming up and a cache filling to its bound look the same (bench/verdicts: every healthy 30 s and 90 s
 * window flagged was one of these); the verdict says how long to run instead. GC events carry their own evidence.
 */
export const MIN_SAMPLED_GROWTH_SPAN_SECONDS = 150;
/** The same for baselines from GC events (post-gc, scavenge-floor): they carry evidence, but not of the first minute. */
export const MIN_GC_GROWTH_SPAN_SECONDS = 60;
/** "Grew, then held" is `ok` (warm-up) only over this span; shorter, the flat end may be a leak that paused. */
export const MIN_PLATEAU_SPAN_SECONDS = 300;

/** The growth rate (bytes/h) at which `current` reaches `limit` within `horizonSeconds`. */
export function leakRatePerHour(limit: number, current: number, horizonSeconds: number): number {
  return Math.max(0, limit - current) / (horizonSeconds / HOUR_SECONDS);
}

/** The heap limit a projection uses: the known one, else the assumed default (flagged as assumed). */
export function projectionLimit(limit: number | undefined): { limit: number; assumed: boolean } {
  if (limit !== undefined && Number.isFinite(limit) && limit > 0) return { limit, assumed: false };
  return { limit: ASSUMED_HEAP_LIMIT_BYTES, assumed: true };
}

/**
 * Recent-slope check (Coroot): the last quarter of the segment, at least 5 points, must still grow at
 * ≥ 0.3 × the overall slope. A warm-up that plateaus has a steep start and a flat tail; a leak does not.
 */
export const TAIL_FRACTION = 0.25;
export const TAIL_MIN_POINTS = 5;
export const TAIL_MIN_SLOPE_RATIO = 0.3;

/**
 * Native memory (RSS, external, arrayBuffers) has no limit V8 knows; Coroot's absolute floor without a limit
 * separates `leak` from `growing` there: 50 MiB of projected growth per hour.
 */
export const NATIVE_LEAK_BYTES_PER_HOUR = 50 * MIB;
