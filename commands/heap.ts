// `pooldoc heap <file>`: what holds the memory in one heap snapshot (classes, largest objects, collections, paths).
import { Args, Flags } from '@oclif/core';
import { InputError } from '../src/errors.js';
import { attributePools } from '../src/pools/runtime/heap-attribution.js';
import { analyzeSnapshot, classSummary, heapStatistics, largestCollections, largestObjects, nodeDetail, readSnapshotFile, totals, type HeapAnalysis } from '../src/heap/index.js';
import type { HeapNodeResult, HeapResult, HeapSummaryResult } from '../src/report/heap-result.js';
import { renderHeapNode, renderHeapSummary } from '../src/report/heap-text.js';
import { PooldocCommand } from './base.js';

export default class Heap extends PooldocCommand<HeapResult> {
  static override summary = 'Summarise a V8 heap snapshot: classes, largest objects and collections with their paths';
  static override description =
    'Retained sizes and dominators follow Chrome DevTools exactly. The file is streamed, so multi-GB snapshots work.';
  static override examples = [
    '<%= config.bin %> heap app.heapsnapshot',
    '<%= config.bin %> heap app.heapsnapshot --top 10 --class "^(Map|Session)$"',
    '<%= config.bin %> heap app.heapsnapshot --node @34567 --json',
  ];
  static override args = {
    file: Args.string({ description: 'a .heapsnapshot file', required: true }),
  };
  static override flags = {
    top: Flags.integer({ description: 'rows per list', default: 20, min: 1 }),
    class: Flags.string({ description: 'keep only classes (and objects, collections) whose class name matches this regex' }),
    node: Flags.string({ description: 'show one node by snapshot id (@123 or 123): retainers and dominated children' }),
  };

  async run(): Promise<HeapResult> {
    const { args, flags } = await this.parse(Heap);
    const classFilter = flags.class === undefined ? undefined : parseRegex(flags.class);
    const nodeId = flags.node === undefined ? undefined : parseNodeId(flags.node);
    const progress = this.progress();
    const snapshot = await readSnapshotFile(args.file, { progress });
    const analysis = analyzeSnapshot(snapshot, { progress });
    const head = { file: args.file, ...pick(totals(analysis)) };
    if (nodeId !== undefined) {
      const result: HeapNodeResult = { ...head, node: describeNode(analysis, args.file, nodeId, flags.top) };
      if (!this.jsonEnabled()) this.log(renderHeapNode(result));
      return result;
    }
    const matches = (name: string) => !classFilter || classFilter.test(name);
    // First what needs no classes: the summary thread (src/heap/analysis/summary-thread.ts) computes them meanwhile.
    const statistics = { ...heapStatistics(analysis) };
    const result: HeapSummaryResult = {
      ...head,
      classes: classSummary(analysis, { filter: classFilter }).slice(0, flags.top).map(({ name, count, shallowSize, retainedSize }) => ({ name, count, shallowSize, retainedSize })),
      largestObjects: largestObjects(analysis, { top: flags.top, classFilter }).map(({ id, name, type, shallowSize, retainedSize, path }) => ({ id, name, type, shallowSize, retainedSize, path })),
      // Collections are few; filter by class name after ranking so --class narrows the list, never empties it wrongly.
      collections: largestCollections(analysis, { top: classFilter ? Number.MAX_SAFE_INTEGER : flags.top })
        .filter((collection) => matches(collection.name))
        .slice(0, flags.top)
        .map(({ id, kind, name, entries, retainedSize, path }) => ({ id, kind, name, entries, retainedSize, path })),
      // Pools are matched by class and shape (src/pools/runtime/), the same attribution `analyze --snapshot` shows.
      pools: attributePools(analysis).slice(0, flags.top),
      statistics,
    };
    if (!this.jsonEnabled()) this.log(renderHeapSummary(result));
    return result;
  }
}

function pick({ nodeCount, edgeCount, totalSize }: { nodeCount: number; edgeCount: number; totalSize: number }) {
  return { nodeCount, edgeCount, totalSize };
}

function describeNode(analysis: HeapAnalysis, file: string, id: number, limit: number): HeapNodeResult['node'] {
  const ordinal = analysis.snapshot.ordinalOfId(id);
  if (ordinal < 0) throw new InputError(`no node with id @${id} in this snapshot`, { file });
  const detail = nodeDetail(analysis, ordinal, { limit });
  const ref = ({ id, name, type, shallowSize, retainedSize }: { id: number; name: string; type: string; shallowSize: number; retainedSize: number }) => ({ id, name, type, shallowSize, retainedSize });
  return {
    ...ref(detail),
    path: detail.path,
    retainers: detail.retainers.map((retainer) => ({ ...ref(retainer), edge: retainer.edgeName, edgeType: retainer.edgeType })),
    dominated: detail.dominated.map(ref),
  };
}

function parseRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new InputError(`--class: not a valid regular expression: ${(error as Error).message}`);
  }
}

/** `@123` (as DevTools and pooldoc print ids) or `123`. */
function parseNodeId(text: string): number {
  const id = Number(text.replace(/^@/, ''));
  if (!Number.isInteger(id) || id < 0) throw new InputError(`--node: "${text}" is not a node id (expected @123 or 123)`);
  return id;
}
