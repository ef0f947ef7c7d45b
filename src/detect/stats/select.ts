// Order statistics without a full sort: quickselect over a Float64Array (medians of millions of pairwise slopes).

/**
 * Rearranges `values` so that values[k] is the k-th smallest (0-based), smaller ones before it and larger ones
 * after it (Hoare's selection with median-of-three pivots, iterative). Average O(n); mutates its input.
 * `from`/`to` restrict the search to a range already known to hold the k-th value (after an earlier selection).
 */
export function selectInPlace(values: Float64Array, k: number, from = 0, to = values.length): number {
  let left = from;
  let right = to - 1;
  while (right > left) {
    const middle = (left + right) >>> 1;
    // Median of three as pivot: avoids the quadratic case on already sorted input (slopes often are).
    const a = values[left], b = values[middle], c = values[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

/** Median (mean of the two middle values for even counts), as numpy and simple-statistics define it. Mutates. */
export function medianInPlace(values: Float64Array): number {
  const count = values.length;
  if (count === 0) return Number.NaN;
  const upper = selectInPlace(values, count >>> 1);
  if (count % 2 === 1) return upper;
  // After selection everything left of the upper middle is <= it; the lower middle is their maximum.
  let lower = -Infinity;
  for (let index = 0; index < count >>> 1; index++) if (values[index] > lower) lower = values[index];
  return (lower + upper) / 2;
}
