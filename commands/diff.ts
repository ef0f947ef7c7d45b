// `pooldoc diff <a> <b> [<c>…]`: what grows across snapshots of one process (collections, objects, classes).
import { statSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { judgeSnapshotGrowth, OBJECT_CANDIDATES_PER_ROW } from '../src/detect/snapshot-growth.js';
import { ExitCode } from '../src/findings.js';
import { readDiffInput, SnapshotSequence, type DiffInput } from '../src/heap/index.js';
import type { ProgressSink } from '../src/progress.js';
import { renderDiff } from '../src/report/diff-text.js';
import type { DiffResult } from '../src/report/heap-result.js';
import { PooldocCommand } from './base.js';

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
    const sequence = new SnapshotSequence();
    let last: DiffInput | undefined;
    for (const [index, file] of files.entries()) {
      last = await readDiffInput(file, labelled(progress, `${index + 1}/${files.length}`));
      sequence.add(last);
    }
    const series = sequence.finish(last!, flags.top * OBJECT_CANDIDATES_PER_ROW);
    const { times, timesFrom } = snapshotTimes(files, flags.interval);
    const growth = judgeSnapshotGrowth({ snapshotCount: files.length, ...series }, { top: flags.top, times });
    const result: DiffResult = {
      files,
      ...(times ? { times } : {}),
      timesFrom,
      nodeCount: series.nodeCount,
      totalSize: series.totalSize,
      ...growth,
    };
    if (result.verdict === 'leak') this.setExitCode(ExitCode.findings);
    if (!this.jsonEnabled()) this.log(renderDiff(result));
    return result;
  }
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
