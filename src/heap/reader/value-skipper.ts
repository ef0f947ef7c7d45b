// Walks over one JSON value of any shape (skipped sections, or the small header we capture), across chunk boundaries.
import { BYTE, isWhitespace } from './bytes.js';

export class ValueSkipper {
  done = false;
  #depth = 0;
  #inString = false;
  #escape = false;
  #started = false;

  /**
   * Consumes bytes of the value starting at `start`; returns the index after the value once done (a scalar ends
   * before the delimiter that follows it), or `end` when more input is needed.
   */
  consume(bytes: Buffer, start: number, end: number): number {
    let i = start;
    for (; i < end; i++) {
      const byte = bytes[i];
      if (this.#inString) {
        if (this.#escape) this.#escape = false;
        else if (byte === BYTE.backslash) this.#escape = true;
        else if (byte === BYTE.quote) {
          this.#inString = false;
          if (this.#depth === 0) return this.#finish(i + 1);
        }
        continue;
      }
      if (byte === BYTE.quote) {
        this.#inString = true;
        this.#started = true;
      } else if (byte === BYTE.openBracket || byte === BYTE.openBrace) {
        this.#depth++;
        this.#started = true;
      } else if (byte === BYTE.closeBracket || byte === BYTE.closeBrace) {
        if (this.#depth === 0) return this.#finish(i);
        if (--this.#depth === 0) return this.#finish(i + 1);
      } else if (byte === BYTE.comma) {
        if (this.#depth === 0) return this.#finish(i);
      } else if (isWhitespace(byte)) {
        if (this.#depth === 0 && this.#started) return this.#finish(i);
      } else {
        this.#started = true;
      }
    }
    return i;
  }

  /** True when the value has begun but not ended (for truncation messages). */
  get started(): boolean {
    return this.#started;
  }

  #finish(index: number): number {
    this.done = true;
    return index;
  }
}
