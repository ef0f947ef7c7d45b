// Reduces a long (x, y) line to what a chart can show: per pixel column its first, min, max and last point.

export interface PlotLine {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Role decides colour and drawing order: context first, the verdict's evidence last (on top). */
  role: 'raw' | 'baseline' | 'fit' | 'limit';
}

/**
 * Keeps the envelope of each of `columns` equal-width x buckets (min and max in x order, plus the bucket's
 * first and last point), so a GC sawtooth of a million samples still draws as a sawtooth. O(n).
 */
export function envelope(x: ArrayLike<number>, y: ArrayLike<number>, columns: number, xMin: number, xMax: number): { x: number[]; y: number[] } {
  const count = Math.min(x.length, y.length);
  if (count <= columns * 4) return finitePoints(x, y, count);
  const outX: number[] = [];
  const outY: number[] = [];
  const width = (xMax - xMin) / columns || 1;
  let bucket = -1;
  let firstIndex = -1, lastIndex = -1, minIndex = -1, maxIndex = -1;
  const flush = () => {
    if (firstIndex < 0) return;
    const kept = [...new Set([firstIndex, minIndex, maxIndex, lastIndex])].sort((a, b) => a - b);
    for (const index of kept) {
      outX.push(x[index]);
      outY.push(y[index]);
    }
  };
  for (let index = 0; index < count; index++) {
    const value = y[index];
    if (!Number.isFinite(value) || !Number.isFinite(x[index])) continue;
    const current = Math.min(columns - 1, Math.floor((x[index] - xMin) / width));
    if (current !== bucket) {
      flush();
      bucket = current;
      firstIndex = minIndex = maxIndex = index;
    }
    if (value < y[minIndex]) minIndex = index;
    if (value > y[maxIndex]) maxIndex = index;
    lastIndex = index;
  }
  flush();
  return { x: outX, y: outY };
}

function finitePoints(x: ArrayLike<number>, y: ArrayLike<number>, count: number): { x: number[]; y: number[] } {
  const outX: number[] = [];
  const outY: number[] = [];
  for (let index = 0; index < count; index++) {
    if (Number.isFinite(x[index]) && Number.isFinite(y[index])) {
      outX.push(x[index]);
      outY.push(y[index]);
    }
  }
  return { x: outX, y: outY };
}

/** The x and y ranges over all lines (y padded when flat, so a constant line sits mid-chart). */
export function extent(lines: readonly PlotLine[]): { xMin: number; xMax: number; yMin: number; yMax: number } {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const line of lines) {
    const count = Math.min(line.x.length, line.y.length);
    for (let index = 0; index < count; index++) {
      const x = line.x[index], y = line.y[index];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  if (yMin === yMax) {
    const pad = Math.abs(yMin) * 0.1 || 1;
    yMin -= pad;
    yMax += pad;
  }
  if (xMin === xMax) xMax = xMin + 1;
  return { xMin, xMax, yMin, yMax };
}
