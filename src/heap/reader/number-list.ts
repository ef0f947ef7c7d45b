// Parses a top-level array of unsigned integers of unknown length (the `locations` section) into a growing Uint32Array.
import { BYTE, badInput, describeByte, isWhitespace, type SectionReader } from './bytes.js';

/** First allocation; doubled as needed (locations hold 4 numbers per function, so this is a few thousand rows). */
const INITIAL_CAPACITY = 1 << 16;

/** Opens a top-level array: skips whitespace, requires '['. Returns the index after it, or -1 when more input is needed. */
export function openArray(bytes: Buffer, start: number, end: number, base: number, file: string, section: string): number {
  let i = start;
  while (i < end && isWhitespace(bytes[i])) i++;
  if (i === end) return -1;
  if (bytes[i] !== BYTE.openBracket) badInput(file, base + i, `expected '[' to open "${section}", found ${describeByte(bytes[i])}`);
  return i + 1;
}

export class NumberListReader implements SectionReader {
  done = false;
  #opened = false;
  #value = 0;
  #inNumber = false;
  #length = 0;
  #values = new Uint32Array(INITIAL_CAPACITY);
  readonly #file: string;
  readonly #section: string;

  constructor(file: string, section: string) {
    this.#file = file;
    this.#section = section;
  }

  /** The numbers read so far (a view, trimmed to length). */
  values(): Uint32Array {
    return this.#values.subarray(0, this.#length);
  }

  consume(bytes: Buffer, start: number, end: number, base: number): number {
    let i = start;
    if (!this.#opened) {
      i = openArray(bytes, i, end, base, this.#file, this.#section);
      if (i < 0) return end;
      this.#opened = true;
    }
    // Locals, not fields, in the per-byte loop: field writes per digit made it about 2× slower (profiled).
    let value = this.#value;
    let inNumber = this.#inNumber;
    for (; i < end; i++) {
      const byte = bytes[i];
      const digit = byte - BYTE.zero;
      if (digit >>> 0 <= 9) {
        value = value * 10 + digit;
        inNumber = true;
        continue;
      }
      if (inNumber) {
        this.#push(value);
        value = 0;
        inNumber = false;
      }
      if (byte === BYTE.comma || isWhitespace(byte)) continue;
      if (byte === BYTE.closeBracket) {
        this.done = true;
        return i + 1;
      }
      badInput(this.#file, base + i, `bad number in "${this.#section}": unexpected ${describeByte(byte)}`);
    }
    this.#value = value;
    this.#inNumber = inNumber;
    return i;
  }

  #push(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Uint32Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }
}
