// A growable Float64Array: readers append samples without knowing the count, then hand out a right-sized view.

/** First capacity: most inputs are small, and doubling makes the large ones cheap anyway. */
const INITIAL_CAPACITY = 256;

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

  /** Pads with NaN up to `length` so that a column first seen late stays aligned with the time column. */
  padTo(length: number): void {
    while (this.length < length) this.push(Number.NaN);
  }

  setLast(value: number): void {
    this.values[this.length - 1] = value;
  }

  get(index: number): number {
    return this.values[index];
  }

  last(): number {
    return this.length === 0 ? Number.NaN : this.values[this.length - 1];
  }

  /** A copy trimmed to the pushed length (the builder may keep growing afterwards). */
  finish(): Float64Array {
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
