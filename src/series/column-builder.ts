// A growable Float64Array: readers append samples without knowing the count, then hand out a right-sized view.

/** First capacity: most inputs are small, and doubling makes the large ones cheap anyway. */
const INITIAL_CAPACITY = 256;
/** Above this fill, `finish` shares the buffer instead of copying it (at most a third of it is spare). */
const MIN_FILL_TO_SHARE = 2 / 3;

export class ColumnBuilder {
  private values: Float64Array;
  length = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.values = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = value;
  }

  /**
   * Appends a finished column (a part of the input read by another thread). An empty builder adopts the
   * array as it is; otherwise the buffer grows to exactly the new length, once.
   */
  appendAll(values: Float64Array): void {
    if (values.length === 0) return;
    if (this.length === 0) {
      this.values = values;
      this.length = values.length;
      return;
    }
    const next = new Float64Array(this.length + values.length);
    next.set(this.values.subarray(0, this.length));
    next.set(values, this.length);
    this.values = next;
    this.length = next.length;
  }

  /** Pads with NaN up to `length` so that a column first seen late stays aligned with the time column. */
  padTo(length: number): void {
    while (this.length < length) this.push(Number.NaN);
  }

  get(index: number): number {
    return this.values[index];
  }

  last(): number {
    return this.length === 0 ? Number.NaN : this.values[this.length - 1];
  }

  /**
   * The pushed values; the builder must not be pushed to afterwards. A nearly full buffer is handed out as
   * a view (no copy: copying a 100 M-value column would double the peak memory); a mostly empty one is
   * copied so the spare capacity is freed.
   */
  finish(): Float64Array {
    if (this.length >= this.values.length * MIN_FILL_TO_SHARE) return this.values.subarray(0, this.length);
    return this.values.slice(0, this.length);
  }

  private grow(): void {
    const next = new Float64Array(this.values.length * 2);
    next.set(this.values);
    this.values = next;
  }
}

/** True when a column holds at least one real value: a source that lacks a counter leaves it absent, not NaN-filled. */
export function hasValues(column: Float64Array): boolean {
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i])) return true;
  return false;
}
