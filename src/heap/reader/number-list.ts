// Parses a top-level array of unsigned integers of unknown length (the `locations` section) into a growing Uint32Array.
import type { ScannerKind } from './number-scanner.js';
import { RecordSectionReader } from './record-section.js';

/** First allocation; doubled as needed (locations hold 4 numbers per function, so this is a few thousand rows). */
const INITIAL_CAPACITY = 1 << 16;

/** One number per record and no count from the header: the record reader's scan, batches appended to a list. */
export class NumberListReader extends RecordSectionReader {
  #length = 0;
  #values = new Uint32Array(INITIAL_CAPACITY);

  constructor(file: string, section: string, scanner?: ScannerKind) {
    super(file, section, 1, Infinity, scanner);
  }

  /** The numbers read so far (a view, trimmed to length). */
  values(): Uint32Array {
    return this.#values.subarray(0, this.#length);
  }

  protected commitRows(values: Float64Array, rowCount: number): void {
    if (this.#length + rowCount > this.#values.length) {
      const grown = new Uint32Array(Math.max(this.#values.length * 2, this.#length + rowCount));
      grown.set(this.#values);
      this.#values = grown;
    }
    // A loop, not `set`: set converts Float64 to Uint32 one element at a time in the runtime (~20 ns each, ~0.15 s
    // for the 1 GB bench snapshot's 11 M numbers), the optimised loop in ~1 ns.
    const into = this.#values;
    const at = this.#length;
    for (let i = 0; i < rowCount; i++) into[at + i] = values[i];
    this.#length += rowCount;
  }

  protected finishSection(): void {
    // Any length is valid; the caller checks the rows against meta.location_fields.
  }
}
