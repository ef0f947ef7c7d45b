// Field paths of JSON records resolved once each: a trie keyed by raw key bytes (hot path) or by name.
import type { SampleAccumulator } from './sample-accumulator.js';
import { resolveFieldPath, type FieldTarget } from './sample-fields.js';

export class FieldNode {
  readonly target: FieldTarget;
  /** The accumulator slot for memory/pool targets, -1 otherwise. */
  readonly slot: number;
  private readonly byHash = new Map<number, FieldNode[]>();
  private readonly byName = new Map<string, FieldNode>();

  constructor(
    readonly path: readonly string[],
    private readonly keyBytes: Buffer,
    private readonly tree: FieldTree,
  ) {
    this.target = path.length === 0 ? { kind: 'ignore' } : resolveFieldPath(path, tree.metricMap);
    this.slot = tree.accumulator.slotFor(this.target);
  }

  /** The child for the key in `buffer[start, end)` whose FNV-1a hash (by the scanner) is `hash`; allocates only on first sight. */
  childForBytes(buffer: Buffer, start: number, end: number, hash: number): FieldNode {
    const bucket = this.byHash.get(hash);
    if (bucket) for (const node of bucket) if (node.keyBytes.compare(buffer, start, end) === 0) return node;
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
