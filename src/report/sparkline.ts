// A one-line Unicode chart of a series (for the live view and the text report when no richer chart is at hand).
const BLOCKS = '▁▂▃▄▅▆▇█';

/** The last `width` values scaled between their min and max; a flat series draws a flat line. */
export function sparkline(values: readonly number[], width = 60): string {
  const tail = values.slice(-width);
  if (tail.length === 0) return '';
  const min = Math.min(...tail);
  const max = Math.max(...tail);
  const span = max - min;
  return tail.map((value) => BLOCKS[span === 0 ? 0 : Math.round(((value - min) / span) * (BLOCKS.length - 1))]).join('');
}
