// Stands in for a numeric section another thread parses: finds its closing ']' (memchr speed) and nothing else.
import { BYTE, openArray, type SectionReader } from './bytes.js';

/**
 * A `nodes`/`edges` array holds only digits, commas and whitespace, so its first ']' closes it. Anything else in
 * it is reported by the thread that parses the numbers (with the byte offset), not here.
 */
export class DelegatedSection implements SectionReader {
  done = false;
  /** File offset just past the ']' once found. */
  end = -1;
  readonly #file: string;
  readonly #section: string;
  #opened = false;

  constructor(file: string, section: string) {
    this.#file = file;
    this.#section = section;
  }

  consume(bytes: Buffer, start: number, end: number, base: number): number {
    const from = this.#opened ? start : openArray(bytes, start, end, base, this.#file, this.#section);
    if (from < 0) return end;
    this.#opened = true;
    const close = bytes.indexOf(BYTE.closeBracket, from);
    if (close === -1 || close >= end) return end;
    this.done = true;
    this.end = base + close + 1;
    return close + 1;
  }
}
