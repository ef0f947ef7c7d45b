// Recognises V8's WeakMap ephemeron edge names ("<n> / part of key (K @id) -> value (V @id) pair in WeakMap (table @id)").
import { digitsValue, isDigit } from '../reader/bytes.js';
import type { HeapSnapshot } from '../snapshot.js';

/** The exact form V8 writes; the duplicated part names the pair, the table id says which table the edge leaves. */
const EPHEMERON_EDGE_NAME = /^\d+(?<pair> \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(?<tableId>\d+)\))$/;

const PREFIX = Buffer.from(' / part of key (');
const MIDDLE = Buffer.from(') -> value (');
const SUFFIX = Buffer.from(') pair in WeakMap (table @');
const CLOSE_PAREN = 0x29;
const SPACE = 0x20;

/**
 * Ephemeron names by string index, read from the string table's bytes. Why bytes: every WeakMap entry has two such
 * names of its own, and essential edges and distances each looked at every one; making a JS string and running the
 * regex each time was ~1 s of the 1 GB bench snapshot's analysis. Here one pass over the table flags them, and the
 * table id and the pair are read from the bytes when asked.
 */
export class WeakMapEdgeNames {
  /** 1 where the string is an ephemeron edge name (any other internal edge name: 0). */
  readonly flags: Uint8Array;
  readonly #bytes: Buffer;
  readonly #offsets: Uint32Array;
  /** Names kept as JS strings by the table (lone surrogates): parsed with the regex, a handful at most. */
  readonly #textual = new Map<number, { pair: string; tableId: number }>();

  static #cache = new WeakMap<HeapSnapshot, WeakMapEdgeNames>();

  /** One recogniser per snapshot (essential edges and distances share it). */
  static of(snapshot: HeapSnapshot): WeakMapEdgeNames {
    let names = WeakMapEdgeNames.#cache.get(snapshot);
    if (!names) WeakMapEdgeNames.#cache.set(snapshot, (names = new WeakMapEdgeNames(snapshot)));
    return names;
  }

  private constructor(snapshot: HeapSnapshot) {
    const { bytes, offsets, unpaired } = snapshot.strings.raw;
    this.#bytes = bytes;
    this.#offsets = offsets;
    this.flags = new Uint8Array(snapshot.strings.length);
    const shortest = 1 + PREFIX.length + MIDDLE.length + SUFFIX.length + 2;
    for (let index = 0; index < this.flags.length; index++) {
      const start = offsets[index];
      const end = offsets[index + 1];
      // Cheap rejections first: few strings end in a digit and ')'.
      if (end - start < shortest || bytes[end - 1] !== CLOSE_PAREN || !isDigit(bytes[end - 2])) continue;
      if (this.#matches(start, end)) this.flags[index] = 1;
    }
    for (const [index, text] of unpaired) {
      const match = EPHEMERON_EDGE_NAME.exec(text);
      if (!match?.groups) continue;
      this.flags[index] = 1;
      this.#textual.set(index, { pair: match.groups.pair, tableId: Number(match.groups.tableId) });
    }
  }

  /** The id of the table the named edge leaves (the number after "table @"). */
  tableId(index: number): number {
    const textual = this.#textual.get(index);
    if (textual) return textual.tableId;
    const bytes = this.#bytes;
    const end = this.#offsets[index + 1] - 1;
    let at = end;
    while (isDigit(bytes[at - 1])) at--;
    return digitsValue(bytes, at, end);
  }

  /** A hash of the pair part (what both edges of one key/value pair share); equal pairs hash equal. */
  pairHash(index: number): number {
    const textual = this.#textual.get(index);
    if (textual) return stringHash(textual.pair);
    const bytes = this.#bytes;
    let hash = 0x811c9dc5;
    for (let at = this.#pairStart(index), end = this.#offsets[index + 1]; at < end; at++) hash = Math.imul(hash ^ bytes[at], 0x01000193);
    return hash >>> 0;
  }

  /** Whether two ephemeron names share their pair part. */
  samePair(a: number, b: number): boolean {
    const textA = this.#textual.get(a), textB = this.#textual.get(b);
    if (textA || textB) return textA?.pair === textB?.pair && textA !== undefined;
    const startA = this.#pairStart(a), startB = this.#pairStart(b);
    const endA = this.#offsets[a + 1], endB = this.#offsets[b + 1];
    return endA - startA === endB - startB && this.#bytes.compare(this.#bytes, startA, endA, startB, endB) === 0;
  }

  /** Where the pair part starts: after the leading digits. */
  #pairStart(index: number): number {
    let at = this.#offsets[index];
    while (isDigit(this.#bytes[at])) at++;
    return at;
  }

  /** The regex's shape, by bytes: digits, PREFIX, …, MIDDLE, …, SUFFIX, digits, ")". */
  #matches(start: number, end: number): boolean {
    const bytes = this.#bytes;
    let at = start;
    while (at < end && isDigit(bytes[at])) at++;
    if (at === start || bytes[at] !== SPACE || bytes.compare(PREFIX, 0, PREFIX.length, at, at + PREFIX.length) !== 0) return false;
    let digitsStart = end - 1;
    while (digitsStart > at && isDigit(bytes[digitsStart - 1])) digitsStart--;
    const suffixStart = digitsStart - SUFFIX.length;
    if (digitsStart === end - 1 || suffixStart < at + PREFIX.length) return false;
    if (bytes.compare(SUFFIX, 0, SUFFIX.length, suffixStart, digitsStart) !== 0) return false;
    // " @<digits>" must close the key and the value part, with " -> value (" between them.
    const middle = bytes.indexOf(MIDDLE, at + PREFIX.length);
    return middle >= 0 && middle + MIDDLE.length <= suffixStart && endsWithId(bytes, at + PREFIX.length, middle) && endsWithId(bytes, middle + MIDDLE.length, suffixStart);
  }
}

/** Whether bytes[start, end) ends with " @<digits>" (the "(Name @id" of the key and the value). */
function endsWithId(bytes: Buffer, start: number, end: number): boolean {
  let at = end;
  while (at > start && isDigit(bytes[at - 1])) at--;
  return at < end && at - 2 >= start && bytes[at - 1] === 0x40 && bytes[at - 2] === SPACE;
}

function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
