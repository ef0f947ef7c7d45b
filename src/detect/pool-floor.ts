// The quiet-period floor of a pool's in-use count: its minimum per window, and how it steps over time.

/** The series is cut into 10 windows: enough to see steps, each long enough to contain a quiet moment. */
export const FLOOR_WINDOWS = 10;
/** A window needs at least 3 samples for its minimum to be a quiet period rather than one reading. */
export const FLOOR_MIN_WINDOW_SAMPLES = 3;

export interface FloorSteps {
  /** Minimum in-use count per window. */
  floors: number[];
  /** Windows whose floor is above / below the previous window's. */
  steps: number;
  drops: number;
  /** Last floor minus first floor. */
  rise: number;
}

export function quietFloorSteps(inUse: Float64Array): FloorSteps {
  const windows = Math.min(FLOOR_WINDOWS, Math.floor(inUse.length / FLOOR_MIN_WINDOW_SAMPLES));
  const floors: number[] = [];
  for (let window = 0; window < windows; window++) {
    const start = Math.floor((window * inUse.length) / windows);
    const end = Math.floor(((window + 1) * inUse.length) / windows);
    let floor = Infinity;
    for (let index = start; index < end; index++) if (inUse[index] < floor) floor = inUse[index];
    if (Number.isFinite(floor)) floors.push(floor);
  }
  let steps = 0, drops = 0;
  for (let index = 1; index < floors.length; index++) {
    if (floors[index] > floors[index - 1]) steps++;
    else if (floors[index] < floors[index - 1]) drops++;
  }
  const rise = floors.length > 1 ? floors[floors.length - 1] - floors[0] : 0;
  return { floors, steps, drops, rise };
}
