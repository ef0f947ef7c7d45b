// A growable Float64Array: readers append samples without knowing the count, then hand out a right-sized array.

/** First chunk: most inputs are small. */
const INITIAL_CAPACITY = 256;
/**
 * Chunks double up to this (8 MiB of doubles) and then stay there: a big column is a list of chunks copied
 * once into place by `finish`, instead of being copied at every doubling (which, with the zeroing of each new
 * buffer and the garbage it leaves, cost ~15 % of reading a trace-gc log).
 */
const MAX_CHUNK_VALUES = 1024 * 1024;
/** Above this fill, `finish` shares a lone chunk instead of copying it (at most a third of it is spare). */
const MIN_FILL_TO_SHARE = 2 / 3;
const NO_VALUES = new Float64Array(0);

export class ColumnBuilder {
  /** Sealed chunks, in order (full ones, or arrays adopted whole from another thread). */
  private chunks: Float64Array[] = [];
  /** The chunk being filled, and how much of it is. */
  private current: Float64Array;
  private filled = 0;
  length = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.current = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.filled === this.current.length) this.nextChunk();
    this.current[this.filled++] = value;
    this.length++;
  }

  /** Appends a finished column (a part of the input read by another thread) as a chunk: no copy until `finish`. */
  appendAll(values: Float64Array): void {
    if (values.length === 0) return;
    this.seal();
    this.chunks.push(values);
    this.length += values.length;
  }

  /** Pads with NaN up to `length` so that a column first seen late stays aligned with the time column. */
  padTo(length: number): void {
    while (this.length < length) this.push(Number.NaN);
  }

  /**
   * The pushed values; the builder must not be used afterwards. A lone, nearly full chunk is handed out as
   * a view (no copy: copying a 100 M-value column would double the peak memory); otherwise the chunks are
   * copied into one array of the right size.
   */
  finish(): Float64Array {
    this.seal();
    const chunks = this.chunks;
    this.chunks = [];
    if (chunks.length === 0) return new Float64Array(0);
    if (chunks.length === 1) {
      const [only] = chunks;
      return only.length >= only.buffer.byteLength / Float64Array.BYTES_PER_ELEMENT * MIN_FILL_TO_SHARE ? only : only.slice();
    }
    const values = new Float64Array(this.length);
    let at = 0;
    for (let index = 0; index < chunks.length; index++) {
      values.set(chunks[index], at);
      at += chunks[index].length;
      // Let the chunk go as soon as it is copied, so the peak is the column plus one chunk.
      chunks[index] = NO_VALUES;
    }
    return values;
  }

  /** Moves the filled part of the current chunk to the sealed ones; the next push starts a new chunk. */
  private seal(): void {
    if (this.filled > 0) this.chunks.push(this.filled === this.current.length ? this.current : this.current.subarray(0, this.filled));
    this.current = NO_VALUES;
    this.filled = 0;
  }

  private nextChunk(): void {
    this.seal();
    this.current = new Float64Array(Math.min(Math.max(INITIAL_CAPACITY, this.length), MAX_CHUNK_VALUES));
  }
}

/** True when a column holds at least one real value: a source that lacks a counter leaves it absent, not NaN-filled. */
export function hasValues(column: Float64Array): boolean {
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i])) return true;
  return false;
}
