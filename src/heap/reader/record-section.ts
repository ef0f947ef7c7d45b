// Parses a flat array of unsigned integers grouped in fixed-size records (the `nodes` and `edges` sections).
import { BYTE, badInput, describeByte, digitsValue, isDigit, openArray, type SectionReader } from './bytes.js';
import { Stop, createNumberScanner, type NumberScanner, type ScanCursor, type ScannerKind } from './number-scanner.js';
import type { RecordKernel } from './record-kernel.js';

/**
 * Numbers scanned per batch before the subclass stores them: 128 K doubles = 1 MB, reused for the whole section.
 * Small enough that the record loops read the batch from the L2 cache the scan just wrote it to (8 MB batches
 * cost ~0.25 s more CPU in those loops on the 1 GB bench snapshot).
 */
const BATCH_VALUES = 1 << 17;
/** The batch of a section whose length the header does not give (`locations`: a few MB in big snapshots). */
const UNKNOWN_LENGTH_BATCH_VALUES = 1 << 16;

/**
 * Reads digits from bytes into a reusable batch of numbers (number-scanner.ts); each full batch of complete records goes to
 * `commitRows`, a tight loop of the subclass that stores fields into typed-array columns. Two simple loops beat
 * one loop that does both (measured: about 2×). A number cut by a chunk boundary is carried in `#value`.
 */
export abstract class RecordSectionReader implements SectionReader {
  done = false;
  protected readonly file: string;
  protected readonly section: string;
  /** Records the header promises; Infinity for a list of unknown length (`locations`). */
  protected readonly recordCount: number;
  protected readonly fieldCount: number;
  readonly #scanner: NumberScanner;
  readonly #batch: Float64Array;
  #batchLength = 0;
  #opened = false;
  #value = 0;
  #inNumber = false;
  readonly #cursor: ScanCursor = { i: 0, length: 0, value: 0 };
  /** Records committed so far. */
  #ordinal = 0;
  /** A stretch of the section cut out of its middle (fragment-reader mode): no brackets, no count check. */
  #fragment = false;

  constructor(file: string, section: string, fieldCount: number, recordCount: number, scanner: ScannerKind = 'wasm') {
    this.file = file;
    this.section = section;
    this.recordCount = recordCount;
    this.fieldCount = fieldCount;
    // Never larger than the section itself (small snapshots, many parsers in tests), always at least one record.
    const wanted = recordCount === Infinity ? UNKNOWN_LENGTH_BATCH_VALUES : Math.min(BATCH_VALUES, recordCount * fieldCount);
    this.#scanner = createNumberScanner(Math.max(fieldCount, wanted - (wanted % fieldCount)), scanner, fieldCount);
    this.#batch = this.#scanner.batch;
  }

  /** The WebAssembly record loops over this reader's batch, when it reads with the kernel. */
  protected get records(): RecordKernel | undefined {
    return this.#scanner.records;
  }

  /**
   * Stores `rowCount` complete records from `values` (fieldCount numbers each), the first being record
   * `firstOrdinal`; `offset` is a file offset near them, for error messages.
   */
  protected abstract commitRows(values: Float64Array, rowCount: number, firstOrdinal: number, offset: number): void;

  /** Checks whole-section invariants once the closing bracket is read. */
  protected abstract finishSection(offset: number): void;

  /**
   * Reads stretches cut out of the section from now on (edge-split.ts): each starts after a separator, holds no
   * bracket, and its records are stored from ordinal 0 (`restart` starts the next one). The records' own checks
   * still apply; the count is the caller's to check.
   */
  protected readFragments(): void {
    this.#fragment = true;
    this.#opened = true;
  }

  /** Records stored so far (of this fragment, for a fragment reader). */
  get recordsRead(): number {
    return this.#ordinal;
  }

  /**
   * Ends the input here (a split point, or a fragment's end): the number in progress is complete, whole records
   * are stored. Returns the values of the record left incomplete (0 when the input ended on a record boundary).
   */
  settle(offset: number): number {
    let length = this.#batchLength;
    if (this.#inNumber) {
      this.#batch[length++] = this.#value;
      this.#inNumber = false;
      this.#value = 0;
      if (length === this.#batch.length) length = this.#flush(length, offset);
    }
    this.#batchLength = this.#flush(length, offset);
    return this.#batchLength;
  }

  /** Starts the next fragment (fragment readers only): stores from ordinal 0 again. */
  restart(): void {
    if (!this.#fragment) throw new Error('restart: not a fragment reader');
    this.#ordinal = 0;
    this.#batchLength = 0;
    this.#inNumber = false;
    this.#value = 0;
    this.done = false;
  }

  consume(bytes: Buffer, start: number, end: number, base: number): number {
    this.#scanner.newInput();
    let i = start;
    if (!this.#opened) {
      i = openArray(bytes, i, end, base, this.file, this.section);
      if (i < 0) return end;
      this.#opened = true;
    }
    const batch = this.#batch;
    const capacity = batch.length;
    let length = this.#batchLength;
    let value = this.#value;
    if (this.#inNumber) {
      // Finish the number the previous chunk cut.
      const from = i;
      while (i < end && isDigit(bytes[i])) i++;
      value = digitsValue(bytes, from, i, value);
      if (i === end) {
        this.#value = value;
        return end;
      }
      this.#inNumber = false;
      batch[length++] = value;
      if (length === capacity) length = this.#flush(length, base + i);
    }
    const cursor = this.#cursor;
    cursor.i = i;
    cursor.length = length;
    for (;;) {
      const stop = this.#scanner.scan(bytes, end, cursor);
      i = cursor.i;
      length = cursor.length;
      if (stop === Stop.full) {
        length = cursor.length = this.#flush(length, base + i);
        continue;
      }
      if (stop === Stop.inNumber) {
        // The number may go on in the next chunk.
        value = cursor.value;
        this.#inNumber = true;
      } else if (stop === Stop.other) {
        const byte = bytes[i];
        // A fragment holds no bracket: the section's own ']' lies after the last one.
        if (byte !== BYTE.closeBracket || this.#fragment) badInput(this.file, base + i, `bad number in "${this.section}": unexpected ${describeByte(byte)}`);
        length = this.#flush(length, base + i);
        const values = this.#ordinal * this.fieldCount + length;
        if (this.recordCount !== Infinity && values !== this.recordCount * this.fieldCount) {
          badInput(this.file, base + i, `"${this.section}" holds ${values} values, the header promises ${this.recordCount} × ${this.fieldCount}`);
        }
        this.finishSection(base + i);
        this.done = true;
        i++;
      }
      break;
    }
    this.#batchLength = length;
    this.#value = value;
    return i;
  }

  /** Commits the complete records of the batch; moves a partial record to its start. Returns the new length. */
  #flush(length: number, offset: number): number {
    const fieldCount = this.fieldCount;
    const rows = Math.floor(length / fieldCount);
    if (rows === 0) return length;
    if (this.#ordinal + rows > this.recordCount) {
      badInput(this.file, offset, `"${this.section}" holds more than the ${this.recordCount} records the header promises`);
    }
    this.commitRows(this.#batch, rows, this.#ordinal, offset);
    this.#ordinal += rows;
    const used = rows * fieldCount;
    this.#batch.copyWithin(0, used, length);
    return length - used;
  }
}
