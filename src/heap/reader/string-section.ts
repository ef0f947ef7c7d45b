// Parses the `strings` array: byte slices decoded directly, JSON escapes (\uXXXX, \n, \" …) decoded only when present.
import { StringTableBuilder } from '../string-table.js';
import { BYTE, badInput, describeByte, openArray, type SectionReader } from './bytes.js';

/** Decodes one string's raw content (between the quotes); JSON.parse handles every escape incl. surrogate pairs. */
function decodeEscapes(raw: string, file: string, offset: number): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return badInput(file, offset, 'bad escape sequence in a "strings" entry');
  }
}

/**
 * Strings up to this long are copied as the closing quote is looked for (StringTableBuilder.addUntilQuote); longer
 * ones are found by the native indexOf (memchr speed). Most snapshot strings are short (~15 bytes on average) and
 * escape-free: one byte loop that copies as it scans costs less than the native calls and escape bookkeeping of
 * the general path (~0.4 s of 0.85 s for the 4.7 M strings of the 1 GB bench snapshot), and less than a search
 * loop followed by a copy (~25 % of the section).
 */
const PLAIN_STRING_SCAN_BYTES = 256;

export class StringSectionReader implements SectionReader {
  done = false;
  readonly strings: StringTableBuilder;
  #opened = false;
  #inString = false;
  /** After a string we need ',' or ']'; before one, a '"' (or ']' for an empty array). */
  #afterString = false;
  /** Bytes of a string split across chunks (copied: the chunk buffer is reused). */
  #carry: Buffer[] = [];
  #carryTrailingBackslashes = 0;
  #stringOffset = 0;
  readonly #file: string;

  /** `expectedBytes`: an upper bound of the section's size when known (the rest of the file). */
  constructor(file: string, expectedBytes?: number) {
    this.#file = file;
    this.strings = new StringTableBuilder(expectedBytes);
  }

  consume(bytes: Buffer, start: number, end: number, base: number): number {
    let i = start;
    if (!this.#opened) {
      i = openArray(bytes, i, end, base, this.#file, 'strings');
      if (i < 0) return end;
      this.#opened = true;
    }
    let nextBackslash = bytes.indexOf(BYTE.backslash, i);
    while (i < end) {
      if (!this.#inString) {
        i = this.#plainRun(bytes, i, end);
        if (i === end) break;
        // What #plainRun leaves: a string it does not take (escapes, long, cut by the chunk's end), ']', or bad input.
        const byte = bytes[i];
        if (byte === BYTE.quote && !this.#afterString) {
          this.#inString = true;
          this.#stringOffset = base + i;
          i++;
        } else if (byte === BYTE.closeBracket && (this.#afterString || this.strings.count === 0)) {
          this.done = true;
          return i + 1;
        } else {
          badInput(this.#file, base + i, `unexpected ${describeByte(byte)} in "strings"`);
        }
        continue;
      }
      if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = bytes.indexOf(BYTE.backslash, i);
      const close = this.#findClosingQuote(bytes, i, end, nextBackslash);
      if (close < 0) {
        this.#keepPartial(bytes, i, end);
        return end;
      }
      const hasEscape = (nextBackslash !== -1 && nextBackslash < close) || this.#carryHasBackslash();
      // The raw content is the string's UTF-8 unless it has escapes (V8 writes non-ASCII as \uXXXX escapes).
      let raw = bytes;
      let from = i;
      let to = close;
      if (this.#carry.length > 0) {
        raw = Buffer.concat([...this.#carry, bytes.subarray(i, close)]);
        from = 0;
        to = raw.length;
        this.#carry = [];
        this.#carryTrailingBackslashes = 0;
      }
      if (hasEscape) this.strings.addText(decodeEscapes(raw.toString('utf8', from, to), this.#file, this.#stringOffset));
      else this.strings.addBytes(raw, from, to);
      this.#inString = false;
      this.#afterString = true;
      i = close + 1;
    }
    return i;
  }

  /**
   * Separators and short escape-free strings for as long as they come (nearly the whole section), with the state
   * in locals. Returns where it stopped: the end, or a byte for the general loop (']', a string with escapes or
   * cut by the chunk's end, bad input). ~10 % of the section's time against the general loop alone.
   */
  #plainRun(bytes: Buffer, from: number, end: number): number {
    const strings = this.strings;
    const { quote, comma, newline, space, carriageReturn, tab } = BYTE;
    let afterString = this.#afterString;
    let i = from;
    while (i < end) {
      const byte = bytes[i];
      if (byte === quote && !afterString) {
        const close = strings.addUntilQuote(bytes, i + 1, end, PLAIN_STRING_SCAN_BYTES);
        if (close < 0) break;
        afterString = true;
        i = close + 1;
      } else if (byte === comma && afterString) {
        afterString = false;
        i++;
      } else if (byte === newline || byte === space || byte === carriageReturn || byte === tab) {
        i++;
      } else {
        break;
      }
    }
    this.#afterString = afterString;
    return i;
  }

  /** Index of the unescaped closing quote at or after `from`, or -1 if it is not in this chunk. */
  #findClosingQuote(bytes: Buffer, from: number, end: number, nextBackslash: number): number {
    let quote = bytes.indexOf(BYTE.quote, from);
    while (quote !== -1 && quote < end) {
      // Only a quote preceded by an odd run of backslashes is escaped; skip the count when no backslash is near.
      const carryEscapes = quote === from && this.#carryTrailingBackslashes > 0;
      if ((nextBackslash === -1 || nextBackslash >= quote) && !carryEscapes) return quote;
      let run = 0;
      let j = quote - 1;
      while (j >= from && bytes[j] === BYTE.backslash) {
        run++;
        j--;
      }
      if (j < from) run += this.#carryTrailingBackslashes;
      if (run % 2 === 0) return quote;
      quote = bytes.indexOf(BYTE.quote, quote + 1);
    }
    return -1;
  }

  #keepPartial(bytes: Buffer, from: number, end: number): void {
    const part = Buffer.from(bytes.subarray(from, end));
    let run = 0;
    for (let j = part.length - 1; j >= 0 && part[j] === BYTE.backslash; j--) run++;
    this.#carryTrailingBackslashes = run === part.length ? this.#carryTrailingBackslashes + run : run;
    this.#carry.push(part);
  }

  #carryHasBackslash(): boolean {
    return this.#carry.some((part) => part.includes(BYTE.backslash));
  }

  /** Whether the section is in the middle of a string (for truncation messages). */
  get inString(): boolean {
    return this.#inString;
  }
}
