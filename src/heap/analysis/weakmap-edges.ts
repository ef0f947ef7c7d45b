// Recognises V8's WeakMap ephemeron edge names ("<n> / part of key (K @id) -> value (V @id) pair in WeakMap (table @id)").
import type { HeapSnapshot } from '../snapshot.js';

/** The exact form V8 writes; the duplicated part names the pair, the table id says which table the edge leaves. */
const EPHEMERON_EDGE_NAME = /^\d+(?<pair> \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(?<tableId>\d+)\))$/;

export interface EphemeronName {
  /** The text both edges of a key/value pair share. */
  pair: string;
  tableId: number;
}

/** Parses edge names once per string index (many edges share few names). */
export class WeakMapEdgeNames {
  readonly #strings: readonly string[];
  /** 0 not parsed yet, 1 not an ephemeron name, 2 parsed (see #parsed). */
  readonly #state: Uint8Array;
  readonly #parsed = new Map<number, EphemeronName>();

  constructor(snapshot: HeapSnapshot) {
    this.#strings = snapshot.strings;
    this.#state = new Uint8Array(snapshot.strings.length);
  }

  /** The parsed ephemeron name for this string index, or undefined. */
  parse(stringIndex: number): EphemeronName | undefined {
    const state = this.#state[stringIndex];
    if (state === 1) return undefined;
    if (state === 2) return this.#parsed.get(stringIndex);
    const match = EPHEMERON_EDGE_NAME.exec(this.#strings[stringIndex] ?? '');
    if (!match?.groups) {
      this.#state[stringIndex] = 1;
      return undefined;
    }
    const parsed = { pair: match.groups.pair, tableId: Number(match.groups.tableId) };
    this.#state[stringIndex] = 2;
    this.#parsed.set(stringIndex, parsed);
    return parsed;
  }
}
