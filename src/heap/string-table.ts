// The snapshot's `strings` as one UTF-8 byte block plus offsets: a JS string is made only when one is asked for.
import { BYTE, digitsValue, isDigit } from './reader/bytes.js';

/**
 * Why not `string[]`: a 1 GB snapshot holds ~4.7 M strings of ~11 characters; as V8 strings they cost ~40 bytes
 * each (header, padding, array slot) — 187 MB of JS heap — against 15 here (bytes + a 4-byte offset). Most strings
 * (string values, slot names) are never looked at; the few the analysis needs are found by `indexFlags` over bytes.
 */
export class StringTable {
  readonly length: number;
  readonly #bytes: Buffer;
  /** String i is bytes[offsets[i] .. offsets[i + 1]). */
  readonly #offsets: Uint32Array;
  /** Strings UTF-8 cannot hold (lone surrogates from `\uD800`-style escapes), by index. */
  readonly #unpaired: ReadonlyMap<number, string>;

  constructor(bytes: Uint8Array, offsets: Uint32Array, length: number, unpaired: ReadonlyMap<number, string> = new Map()) {
    this.#bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#offsets = offsets;
    this.length = length;
    this.#unpaired = unpaired;
  }

  static from(texts: readonly string[]): StringTable {
    const builder = new StringTableBuilder();
    for (const text of texts) builder.addText(text);
    return builder.finish();
  }

  /**
   * The UTF-8 block and the offsets (string i is bytes[offsets[i], offsets[i + 1])), for byte-level scans of
   * millions of strings that must not make a JS string each. Strings in `unpaired` have no bytes here.
   */
  get raw(): { bytes: Buffer; offsets: Uint32Array; unpaired: ReadonlyMap<number, string> } {
    return { bytes: this.#bytes, offsets: this.#offsets, unpaired: this.#unpaired };
  }

  /** The string at `index`; undefined out of range (like an array). */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    if (this.#unpaired.size > 0) {
      const text = this.#unpaired.get(index);
      if (text !== undefined) return text;
    }
    return this.#bytes.toString('utf8', this.#offsets[index], this.#offsets[index + 1]);
  }

  /**
   * For each string index, 1 + the position in `texts` of the text it equals, or 0: finds a few well-known names
   * (`Object`, `elements`, …) by comparing bytes, without making a JS string per entry.
   */
  indexFlags(texts: readonly string[]): Uint8Array {
    if (texts.length > MAX_FLAGGED_TEXTS) throw new RangeError(`indexFlags: at most ${MAX_FLAGGED_TEXTS} texts (one byte per string), got ${texts.length}`);
    const flags = new Uint8Array(this.length);
    const wanted = texts.map((text) => Buffer.from(text, 'utf8'));
    // Lookup tables, not Sets: this loop runs once per string of the snapshot (millions).
    const maxLength = Math.max(0, ...wanted.map((bytes) => bytes.length));
    const lengthWanted = new Uint8Array(maxLength + 1);
    const firstByteWanted = new Uint8Array(256);
    for (const bytes of wanted) {
      lengthWanted[bytes.length] = 1;
      if (bytes.length > 0) firstByteWanted[bytes[0]] = 1;
    }
    const offsets = this.#offsets;
    const bytes = this.#bytes;
    for (let index = 0; index < this.length; index++) {
      const start = offsets[index];
      const length = offsets[index + 1] - start;
      if (length > maxLength || lengthWanted[length] === 0 || (length > 0 && firstByteWanted[bytes[start]] === 0)) continue;
      for (let w = 0; w < wanted.length; w++) {
        if (wanted[w].length === length && bytes.compare(wanted[w], 0, length, start, start + length) === 0) {
          flags[index] = w + 1;
          break;
        }
      }
    }
    for (const [index, text] of this.#unpaired) {
      const position = texts.indexOf(text);
      flags[index] = position + 1;
    }
    return flags;
  }

  /**
   * The value of string `index` when it is a decimal number of at most `maxDigits` digits (slot names like "12"),
   * else -1; read from the bytes. Per string, not a table: a table cost 4 bytes per string (19 MB on the 1 GB bench
   * snapshot) at the end of the analysis, where the memory peak is, for the few hash-table slots a report reads.
   */
  decimalValue(index: number, maxDigits: number): number {
    if (!(index >= 0 && index < this.length) || this.#unpaired.has(index)) return -1;
    const start = this.#offsets[index];
    const end = this.#offsets[index + 1];
    if (end === start || end - start > maxDigits) return -1;
    for (let i = start; i < end; i++) if (!isDigit(this.#bytes[i])) return -1;
    return digitsValue(this.#bytes, start, end);
  }

  /** Every string as a JS array (tests, small snapshots). */
  toArray(): string[] {
    return Array.from({ length: this.length }, (_, index) => this.get(index)!);
  }
}

/** A UTF-16 surrogate without its pair: UTF-8 cannot encode it, so such strings are kept as JS strings. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** indexFlags answers in one byte per string: 1 + the text's position, 0 for none. */
const MAX_FLAGGED_TEXTS = 255;

/** Up to this length a string's bytes are copied by a JS loop instead of a native call on a subarray. */
const SHORT_COPY_BYTES = 64;

/** First capacity of the byte block and the offsets when the caller gives no size hint. */
const INITIAL_BYTES = 1 << 16;
const INITIAL_STRINGS = 1 << 12;

function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

function sharedOffsets(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
}

/** Appends strings (as raw UTF-8 bytes or as JS strings) into a growing StringTable. */
export class StringTableBuilder {
  #bytes: Uint8Array;
  #offsets: Uint32Array;
  #count = 0;
  #used = 0;
  readonly #unpaired = new Map<number, string>();

  /**
   * `expectedBytes`: an upper bound of the section's bytes when known. Both arrays are then allocated for it at
   * once: shared memory is committed page by page as it is written, so the unused part costs address space, not
   * RSS, and nothing is grown, copied or left as garbage. Why that matters: garbage of the read (the offsets grown
   * by doubling, ~64 MB on the 1 GB bench snapshot) freed or not by the dominator step, depending on when V8
   * collects it, moved the process's peak by ~30–60 MB from run to run.
   */
  constructor(expectedBytes?: number) {
    this.#bytes = sharedBytes(Math.max(INITIAL_BYTES, expectedBytes ?? 0));
    // Every string takes at least 3 bytes ("" and a separator) but the last.
    this.#offsets = sharedOffsets(Math.max(INITIAL_STRINGS + 1, expectedBytes === undefined ? 0 : Math.floor(expectedBytes / 3) + 2));
  }

  get count(): number {
    return this.#count;
  }

  /** Appends the UTF-8 bytes source[start, end) as the next string. */
  addBytes(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    this.#reserve(length);
    const bytes = this.#bytes;
    let to = this.#used;
    // Most snapshot strings are short: a byte loop beats making a subarray view per string (measured ~3×).
    if (length <= SHORT_COPY_BYTES) {
      for (let i = start; i < end; i++) bytes[to++] = source[i];
    } else {
      bytes.set(source.subarray(start, end), to);
    }
    this.#used += length;
    this.#close();
  }

  /**
   * Appends the string that starts at source[start] if it ends with a '"' before `end`, within `limit` bytes and
   * with no backslash first, copying while it looks for the quote (one pass over the bytes, not a search and then a
   * copy). Returns the quote's index, or -1 with nothing added.
   */
  addUntilQuote(source: Uint8Array, start: number, end: number, limit: number): number {
    this.#reserve(limit);
    const bytes = this.#bytes;
    const stop = Math.min(end, start + limit);
    const { quote, backslash } = BYTE;
    let to = this.#used;
    for (let i = start; i < stop; i++) {
      const byte = source[i];
      if (byte === quote) {
        this.#used = to;
        this.#close();
        return i;
      }
      if (byte === backslash) return -1;
      bytes[to++] = byte;
    }
    return -1;
  }

  addText(text: string): void {
    if (LONE_SURROGATE.test(text)) {
      this.#unpaired.set(this.#count, text);
      this.#close();
      return;
    }
    const length = Buffer.byteLength(text, 'utf8');
    this.#reserve(length);
    Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset, this.#bytes.byteLength).write(text, this.#used, length, 'utf8');
    this.#used += length;
    this.#close();
  }

  /** The table; bytes and offsets sit in SharedArrayBuffers (the analysis's threads read them, no copy). */
  finish(): StringTable {
    return new StringTable(this.#bytes.subarray(0, this.#used), this.#offsets.subarray(0, this.#count + 1), this.#count, this.#unpaired);
  }

  #close(): void {
    if (this.#count + 2 > this.#offsets.length) {
      const grown = sharedOffsets(this.#offsets.length * 2);
      grown.set(this.#offsets);
      this.#offsets = grown;
    }
    this.#offsets[++this.#count] = this.#used;
  }

  #reserve(length: number): void {
    if (this.#used + length <= this.#bytes.length) return;
    // Offsets are Uint32: a string table over 4 GB is not a snapshot V8 can write (its strings are capped at 1 KB).
    const grown = sharedBytes(Math.min(0xffff_ffff, Math.max(this.#bytes.length * 2, this.#used + length)));
    grown.set(this.#bytes.subarray(0, this.#used));
    this.#bytes = grown;
  }
}
