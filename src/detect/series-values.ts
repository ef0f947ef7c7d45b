// Small reductions over Series columns that several detectors need.

/** Last finite positive value of a column (a limit can change after a restart: the latest one applies). */
export function lastFinite(column: Float64Array | undefined): number | undefined {
  if (!column) return undefined;
  for (let index = column.length - 1; index >= 0; index--) if (Number.isFinite(column[index]) && column[index] > 0) return column[index];
  return undefined;
}

/** Largest finite value, or -Infinity for an empty column. */
export function maxOf(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let index = 0; index < values.length; index++) if (values[index] > max) max = values[index];
  return max;
}
