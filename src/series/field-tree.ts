// Field paths of JSON records resolved once each: a trie keyed by raw key bytes (hot path) or by name.
import type { SampleAccumulator } from './sample-accumulator.js';
import { resolveFieldPath, type FieldTarget } from './sample-fields.js';

/** True when `key` is at `buffer[start…]` (the caller checks the length): a JS loop beats Buffer.compare's call cost on short keys. */
export function keyMatches(key: Buffer, buffer: Buffer, start: number): boolean {
  for (let k = 0; k < key.length; k++) if (buffer[start + k] !== key[k]) return false;
  return true;
}

/** The last buffer given to `keyBytesMatch` and a DataView over it (the line reader reuses one buffer for a whole file). */
let viewedBuffer: Buffer | undefined;
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

/** Little-endian 32-bit words of `key`'s first `4 * floor(length / 4)` bytes. */
export function wordsOf(key: Buffer): Uint32Array {
  const words = new Uint32Array(key.length >>> 2);
  for (let w = 0; w < words.length; w++) words[w] = key.readUInt32LE(w * 4);
  return words;
}

/**
 * True when `key` (whose words are `keyWords`, from `wordsOf`) is at `buffer[start…]`; the caller has checked
 * that `buffer` extends past the key. Keys are over half the bytes of a typical sample line: comparing them
 * four bytes per load (a DataView read compiles to one) instead of one halves that cost.
 */
export function keyBytesMatch(key: Buffer, keyWords: Uint32Array, buffer: Buffer, start: number): boolean {
  if (buffer !== viewedBuffer) {
    viewedBuffer = buffer;
    view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  for (let w = 0; w < keyWords.length; w++) if (view.getUint32(start + w * 4, true) !== keyWords[w]) return false;
  for (let k = keyWords.length * 4; k < key.length; k++) if (buffer[start + k] !== key[k]) return false;
  return true;
}

export class FieldNode {
  /** `keyBytes` as little-endian words, for `keyBytesMatch`. */
  readonly keyWords: Uint32Array;
  readonly target: FieldTarget;
  /** The accumulator slot for memory/pool targets, -1 otherwise. */
  readonly slot: number;
  /** Nothing pooldoc reads (precomputed so the scanner can skip the value without parsing it). */
  readonly ignored: boolean;
  private readonly byHash = new Map<number, FieldNode[]>();
  private readonly byName = new Map<string, FieldNode>();
  /**
   * Guesses for the scanner: records of one file repeat their key order, so the key that followed this one
   * last time (and the first key inside this object) is checked first, byte by byte, before any hashing.
   */
  firstChild: FieldNode | undefined;
  nextSibling: FieldNode | undefined;

  constructor(
    readonly path: readonly string[],
    readonly keyBytes: Buffer,
    private readonly tree: FieldTree,
  ) {
    this.keyWords = wordsOf(keyBytes);
    this.target = path.length === 0 ? { kind: 'ignore' } : resolveFieldPath(path, tree.metricMap);
    this.slot = tree.accumulator.slotFor(this.target);
    this.ignored = this.target.kind === 'ignore';
  }

  /** The child for the key in `buffer[start, end)` whose FNV-1a hash (by the scanner) is `hash`; allocates only on first sight. */
  childForBytes(buffer: Buffer, start: number, end: number, hash: number): FieldNode {
    const bucket = this.byHash.get(hash);
    if (bucket) for (const node of bucket) if (node.keyBytes.length === end - start && keyMatches(node.keyBytes, buffer, start)) return node;
    const name = buffer.toString('utf8', start, end);
    const node = this.childNamed(name);
    if (bucket) bucket.push(node);
    else this.byHash.set(hash, [node]);
    return node;
  }

  childNamed(name: string): FieldNode {
    let node = this.byName.get(name);
    if (!node) this.byName.set(name, (node = new FieldNode([...this.path, name], Buffer.from(name, 'utf8'), this.tree)));
    return node;
  }
}

export class FieldTree {
  readonly root: FieldNode;
  constructor(
    readonly accumulator: SampleAccumulator,
    readonly metricMap: ReadonlyMap<string, FieldTarget>,
  ) {
    this.root = new FieldNode([], Buffer.alloc(0), this);
  }
}
