// Recognises V8's WeakMap ephemeron edge names ("<n> / part of key (K @id) -> value (V @id) pair in WeakMap (table @id)").
import type { HeapSnapshot } from '../snapshot.js';
import type { StringTable } from '../string-table.js';

/** The exact form V8 writes; the duplicated part names the pair, the table id says which table the edge leaves. */
const EPHEMERON_EDGE_NAME = /^\d+(?<pair> \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(?<tableId>\d+)\))$/;

export interface EphemeronName {
  /** The text both edges of a key/value pair share. */
  pair: string;
  tableId: number;
}

/**
 * Recognises ephemeron names by string index. Non-matches are remembered (many edges share few names); matches are
 * parsed again when asked: each names one table slot, so they are unique and caching them would only cost memory
 * (a Map would also hit V8's 2^24-entry limit on huge WeakMaps).
 */
export class WeakMapEdgeNames {
  readonly #strings: StringTable;
  /** 0 not seen yet, 1 not an ephemeron name. */
  readonly #state: Uint8Array;

  constructor(snapshot: HeapSnapshot) {
    this.#strings = snapshot.strings;
    this.#state = new Uint8Array(snapshot.strings.length);
  }

  /** The parsed ephemeron name for this string index, or undefined. */
  parse(stringIndex: number): EphemeronName | undefined {
    if (this.#state[stringIndex] === 1) return undefined;
    const match = EPHEMERON_EDGE_NAME.exec(this.#strings.get(stringIndex) ?? '');
    if (!match?.groups) {
      this.#state[stringIndex] = 1;
      return undefined;
    }
    return { pair: match.groups.pair, tableId: Number(match.groups.tableId) };
  }
}
