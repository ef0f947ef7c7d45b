// Parses a top-level array of unsigned integers of unknown length (the `locations` section) into a Uint32Array.
import type { ScannerKind } from './number-scanner.js';
import { RecordSectionReader } from './record-section.js';

/**
 * One number per record and no count from the header: the record reader's scan, each batch kept as a chunk and
 * the chunks joined once at the end. Why not one array grown by doubling: its copies and fresh pages cost ~0.1 s
 * of this thread's CPU on the 1 GB bench snapshot's 11 M numbers, where the read waits for this thread.
 */
export class NumberListReader extends RecordSectionReader {
  #length = 0;
  readonly #chunks: Uint32Array[] = [];

  constructor(file: string, section: string, scanner?: ScannerKind) {
    super(file, section, 1, Infinity, scanner);
  }

  /**
   * The numbers read so far, in one new array over shared memory (the snapshot keeps it: the summary thread reads
   * the locations, and finishing converts them in place).
   */
  values(): Uint32Array {
    const values = new Uint32Array(new SharedArrayBuffer(this.#length * Uint32Array.BYTES_PER_ELEMENT));
    let at = 0;
    for (const chunk of this.#chunks) {
      values.set(chunk, at);
      at += chunk.length;
    }
    return values;
  }

  protected commitRows(values: Float64Array, rowCount: number): void {
    // A loop, not `set`: set converts Float64 to Uint32 one element at a time in the runtime.
    const chunk = new Uint32Array(rowCount);
    for (let i = 0; i < rowCount; i++) chunk[i] = values[i];
    this.#chunks.push(chunk);
    this.#length += rowCount;
  }

  protected finishSection(): void {
    // Any length is valid; the caller checks the rows against meta.location_fields.
  }
}
