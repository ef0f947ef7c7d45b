// Typo suggestions for option names: Damerau-free Levenshtein, case-insensitive, small distances only.

/** Two edits catch transpositions and doubled letters without matching unrelated short names. */
const MAX_DISTANCE = 2;
/** Names shorter than this match too many things at distance 2 (`max` ↔ `min`). */
const MIN_LENGTH = 6;

export function closestOption(key: string, options: readonly string[]): string | undefined {
  if (key.length < MIN_LENGTH) return undefined;
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const distance = levenshtein(key.toLowerCase(), option.toLowerCase());
    if (distance <= MAX_DISTANCE && (!best || distance < best.distance)) best = { option, distance };
  }
  return best?.option;
}

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > MAX_DISTANCE) return MAX_DISTANCE + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
