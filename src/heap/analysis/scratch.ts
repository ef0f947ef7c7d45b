// Working memory handed from one analysis phase to the next, so the peak is live data, not garbage V8 has not freed yet.

/** A free stretch of an ArrayBuffer or SharedArrayBuffer. */
export interface Region {
  buffer: ArrayBuffer | SharedArrayBuffer;
  offset: number;
  bytes: number;
}

/** Views start on 8-byte boundaries so any typed array (Float64 included) can sit in a region. */
const ALIGNMENT = 8;
/** A remainder smaller than this is not worth keeping: it would only fragment the free list. */
const MIN_KEPT_BYTES = 1 << 20;

/**
 * A free list of typed-array memory. A phase that is done with a node-sized array releases it; a later phase takes
 * its arrays from here before allocating. Why: V8 frees an ArrayBuffer only at its next GC, so on a 13 M-node
 * snapshot the arrays of finished phases (hundreds of MB) were still resident while the next phases allocated
 * theirs, and the process peak depended on GC timing. Contents of taken arrays are undefined: callers initialise.
 * Fresh memory is a SharedArrayBuffer (same speed and footprint), so any free region can be lent to a worker
 * thread (`lend`, `adopt`): the summary thread works in memory the dominator step left here.
 */
export class ScratchMemory {
  readonly #free: Region[] = [];

  /** Gives an array's memory back. The caller must not use the array (or any view of the same bytes) afterwards. */
  release(array: ArrayBufferView): void {
    const start = alignUp(array.byteOffset);
    const bytes = array.byteOffset + array.byteLength - start;
    if (bytes > 0) this.#free.push({ buffer: array.buffer, offset: start, bytes });
  }

  uint32(length: number): Uint32Array {
    const region = this.#take(length * Uint32Array.BYTES_PER_ELEMENT);
    return new Uint32Array(region.buffer, region.offset, length);
  }

  int32(length: number): Int32Array {
    const region = this.#take(length * Int32Array.BYTES_PER_ELEMENT);
    return new Int32Array(region.buffer, region.offset, length);
  }

  uint8(length: number): Uint8Array {
    const region = this.#take(length);
    return new Uint8Array(region.buffer, region.offset, length);
  }

  /**
   * Takes shared free regions, largest first, until they hold `bytes` (fewer when the list runs out: the borrower
   * allocates the rest). They are the borrower's until it hands them back with `adopt`.
   */
  lend(bytes: number): Region[] {
    const lent: Region[] = [];
    let total = 0;
    const shared = this.#free.filter((region) => region.buffer instanceof SharedArrayBuffer).sort((a, b) => b.bytes - a.bytes);
    for (const region of shared) {
      if (total >= bytes) break;
      lent.push(region);
      total += region.bytes;
      this.#free.splice(this.#free.indexOf(region), 1);
    }
    return lent;
  }

  /** Puts regions on the free list (lent ones coming back, or another thread's spare memory). */
  adopt(regions: readonly Region[]): void {
    for (const region of regions) this.#free.push({ ...region });
  }

  /** The free regions (a worker sends its spare memory back with them). */
  regions(): Region[] {
    return this.#free.map((region) => ({ ...region }));
  }

  /** Drops every free region (lets GC reclaim them once no phase will need them). */
  clear(): void {
    this.#free.length = 0;
  }

  /** Bytes currently on the free list (for tests). */
  get freeBytes(): number {
    return this.#free.reduce((sum, region) => sum + region.bytes, 0);
  }

  /** The smallest free region that fits (its tail stays free when large), else fresh memory. */
  #take(bytes: number): Region {
    let best = -1;
    for (let i = 0; i < this.#free.length; i++) {
      const region = this.#free[i];
      if (region.bytes >= bytes && (best < 0 || region.bytes < this.#free[best].bytes)) best = i;
    }
    if (best < 0) return { buffer: new SharedArrayBuffer(Math.max(bytes, 1)), offset: 0, bytes };
    const region = this.#free[best];
    const tail = alignUp(region.offset + bytes);
    const tailBytes = region.offset + region.bytes - tail;
    if (tailBytes >= MIN_KEPT_BYTES) this.#free[best] = { buffer: region.buffer, offset: tail, bytes: tailBytes };
    else this.#free.splice(best, 1);
    return { buffer: region.buffer, offset: region.offset, bytes };
  }
}

function alignUp(offset: number): number {
  return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}
