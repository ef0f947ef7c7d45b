// `pooldoc diff <a> <b> [<c>…]`: what grows across snapshots of one process (collections, objects, classes).
import { statSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { collectionGrowth, objectGrowth, overallGrowthVerdict } from '../src/detect/collection-growth.js';
import { ExitCode } from '../src/findings.js';
import { SnapshotSeriesTracker, type DiffInput } from '../src/heap/diff.js';
import { analyzeSnapshot, COLLECTION_KINDS, findCollections, readSnapshotFile, retainerPath, type HeapAnalysis } from '../src/heap/index.js';
import type { ProgressSink } from '../src/progress.js';
import { renderDiff } from '../src/report/diff-text.js';
import type { DiffResult } from '../src/report/heap-result.js';
import { PooldocCommand } from './base.js';

/** Objects are followed in bulk, but only this many times --top get a retainer path (one BFS walk each). */
const OBJECT_CANDIDATES_PER_ROW = 4;

export default class Diff extends PooldocCommand<DiffResult> {
  static override summary = 'Compare heap snapshots of one process: what grows, with paths, rates and a leak verdict';
  static override description =
    'Objects are matched by snapshot id. Three or more snapshots give a verdict; exit 1 when something grows monotonically (a leak).';
  static override examples = [
    '<%= config.bin %> diff a.heapsnapshot b.heapsnapshot c.heapsnapshot',
    '<%= config.bin %> diff Heap.*.heapsnapshot --interval 60 --json',
  ];
  static override strict = false;
  static override args = {
    first: Args.string({ description: 'the earliest snapshot', required: true }),
    second: Args.string({ description: 'a later snapshot (more may follow, in time order)', required: true }),
  };
  static override flags = {
    top: Flags.integer({ description: 'rows per list', default: 20, min: 1 }),
    interval: Flags.integer({ description: 'seconds between consecutive snapshots (default: file modification times, when increasing)', min: 1 }),
  };

  async run(): Promise<DiffResult> {
    const { argv, flags } = await this.parse(Diff);
    const files = argv as string[];
    const progress = this.progress();
    const tracker = new SnapshotSeriesTracker(files.length);
    const nodeCount: number[] = [];
    const totalSize: number[] = [];
    let last: DiffInput | undefined;
    for (const [index, file] of files.entries()) {
      const input = await analyzeFile(file, labelled(progress, `${index + 1}/${files.length}`));
      nodeCount.push(input.snapshot.nodeCount);
      totalSize.push(input.retainedSize[input.snapshot.rootOrdinal]);
      tracker.add(input);
      last = input;
    }
    const series = tracker.finish(last!, flags.top * OBJECT_CANDIDATES_PER_ROW);
    const { times, timesFrom } = snapshotTimes(files, flags.interval);
    const collectionIds = new Set(series.collections.map((collection) => collection.id));
    const growing = [
      ...collectionGrowth(series.collections, { times }).slice(0, flags.top),
      // A growing collection's own node is already listed by entries; its owners stay (they show the path up).
      ...objectGrowth(series.objects.filter((object) => !collectionIds.has(object.id)), { times }).slice(0, flags.top),
    ];
    const result: DiffResult = {
      files,
      ...(times ? { times } : {}),
      timesFrom,
      nodeCount,
      totalSize,
      verdict: overallGrowthVerdict(growing, files.length),
      classes: series.classes.slice(0, flags.top),
      growing,
    };
    if (result.verdict === 'leak') this.setExitCode(ExitCode.findings);
    if (!this.jsonEnabled()) this.log(renderDiff(result));
    return result;
  }
}

/** Reads and analyses one snapshot and exposes what the diff follows. */
async function analyzeFile(file: string, progress: ProgressSink): Promise<DiffInput> {
  const snapshot = await readSnapshotFile(file, { progress });
  const analysis: HeapAnalysis = analyzeSnapshot(snapshot, { progress });
  const { classOf, names } = analysis.classes;
  const table = findCollections(snapshot);
  const collections = Array.from({ length: table.length }, (_, index) => {
    const ordinal = table.ordinals[index];
    return { id: snapshot.nodeId[ordinal], kind: COLLECTION_KINDS[table.kinds[index]], name: names[classOf[ordinal]], entries: table.entries[index], retainedSize: analysis.retainedSize[ordinal] };
  });
  return { snapshot, retainedSize: analysis.retainedSize, className: (ordinal) => names[classOf[ordinal]], collections, path: (ordinal) => retainerPath(analysis, ordinal).text };
}

function labelled(progress: ProgressSink, label: string): ProgressSink {
  return (phase, done, total) => progress(`[${label}] ${phase}`, done, total);
}

/** Seconds since the first snapshot: from --interval, else from file times when they increase in argument order. */
function snapshotTimes(files: string[], interval: number | undefined): Pick<DiffResult, 'times' | 'timesFrom'> {
  if (interval !== undefined) return { times: files.map((_, index) => index * interval), timesFrom: 'interval' };
  const mtimes = files.map((file) => statSync(file).mtimeMs / 1000);
  const increasing = mtimes.every((time, index) => index === 0 || time > mtimes[index - 1]);
  return increasing ? { times: mtimes.map((time) => time - mtimes[0]), timesFrom: 'file-mtime' } : { timesFrom: 'unknown' };
}
