// The scenario table: what each target process does to its memory, and the truth label the scorer uses.

/** Leak rates of the `leak-R` scenarios, decimal MB per hour. */
export const LEAK_RATES_MB_PER_HOUR = [10, 30, 100, 1000, 5000];
/** Sawtooth heights of the `saw-N` scenarios, MB allocated, held 1–3 s, then dropped. */
export const SAW_HEIGHTS_MB = [1, 10, 50, 200];

export const SCENARIOS = [
  ...LEAK_RATES_MB_PER_HOUR.map((rate) => `leak-${rate}`),
  'step', 'leak-after-warmup',
  ...SAW_HEIGHTS_MB.map((height) => `saw-${height}`),
  'warmup-plateau', 'cache-bound', 'native-leak', 'restart',
];

/** Input kinds that carry rss/external/arrayBuffers besides the heap (native memory is visible there). */
export const INPUTS_WITH_NATIVE_COLUMNS = new Set(['ndjson-4hz', 'ndjson-1hz', 'prometheus', 'analyze']);

/**
 * Truth for one scored window: 'leak', 'step' (a one-off 40 MB retention, to be flagged: the issue lists it
 * next to the fast leak as an obvious leak; scored as its own row) or 'healthy'.
 * windowEndMs is relative to the recording's start; events are the target's own event times (same origin).
 */
export function truthFor(scenario, inputKind, windowEndMs, events = {}) {
  if (scenario.startsWith('leak-') && scenario !== 'leak-after-warmup') return 'leak';
  if (scenario === 'restart') return 'leak';
  // Healthy until the leak starts (60 s): a window that ends before has nothing to find.
  if (scenario === 'leak-after-warmup') return windowEndMs > (events['leak-start'] ?? 60_000) ? 'leak' : 'healthy';
  if (scenario === 'step') return events['step-retained'] !== undefined && windowEndMs > events['step-retained'] ? 'step' : 'healthy';
  // The Buffers live outside the V8 heap: a heap-only input (trace-gc) rightly sees a flat heap.
  if (scenario === 'native-leak') return INPUTS_WITH_NATIVE_COLUMNS.has(inputKind) ? 'leak' : 'healthy';
  return 'healthy';
}
