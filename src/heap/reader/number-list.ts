// Parses a top-level array of unsigned integers of unknown length (the `locations` section) into a Uint32Array.
import type { ScannerKind } from './number-scanner.js';
import { RecordSectionReader } from './record-section.js';

/**
 * One number per record and no count from the header: the record reader's scan, each batch stored into one array
 * allocated at once for the most numbers the rest of the input can hold (`expectedBytes`: each takes a digit and
 * a separator), in shared memory: it is committed page by page as it is written, so the unused part costs address
 * space, not RSS, and nothing is grown, copied or left as garbage (see StringTableBuilder for why garbage of the
 * read matters). Without a bound (a stream) the batches are kept as chunks and joined once at the end.
 */
export class NumberListReader extends RecordSectionReader {
  #length = 0;
  /** The array sized for the bound, while the numbers fit in it. */
  #values: Uint32Array | undefined;
  readonly #chunks: Uint32Array[] = [];

  constructor(file: string, section: string, scanner?: ScannerKind, expectedBytes?: number) {
    super(file, section, 1, Infinity, scanner);
    // A bound that is too small (a caller's wrong size) only means chunks later (commitRows).
    if (expectedBytes !== undefined) this.#values = sharedNumbers(Math.floor(Math.max(0, expectedBytes) / 2) + 1);
  }

  /**
   * The numbers read so far, over shared memory (the snapshot keeps them: the summary thread reads the locations,
   * and finishing converts them in place).
   */
  values(): Uint32Array {
    if (this.#values) return this.#values.subarray(0, this.#length);
    const values = sharedNumbers(this.#length);
    let at = 0;
    for (const chunk of this.#chunks) {
      values.set(chunk, at);
      at += chunk.length;
    }
    return values;
  }

  protected commitRows(values: Float64Array, rowCount: number): void {
    if (this.#values && this.#length + rowCount > this.#values.length) {
      // More numbers than the bound allows (input unlike a snapshot's): chunks from here on.
      this.#chunks.push(this.#values.slice(0, this.#length));
      this.#values = undefined;
    }
    const into = this.#values ?? new Uint32Array(rowCount);
    const at = this.#values ? this.#length : 0;
    // A loop, not `set`: set converts Float64 to Uint32 one element at a time in the runtime.
    for (let i = 0; i < rowCount; i++) into[at + i] = values[i];
    if (!this.#values) this.#chunks.push(into);
    this.#length += rowCount;
  }

  protected finishSection(): void {
    // Any length is valid; the caller checks the rows against meta.location_fields.
  }
}

function sharedNumbers(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
}
