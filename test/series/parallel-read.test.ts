// Reading a big NDJSON or trace-gc file on several threads gives exactly what one thread gives: columns,
// restarts, GC events, anchors, problems with file line numbers, unparsed counts.
import { execFileSync } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSeries, type SeriesReadResult } from '../../src/series/index.js';
import { splitAtLines } from '../../src/series/line-ranges.js';
import { rangeWorkerFile } from '../../src/series/parallel-read.js';
import { DEFAULT_PARALLEL_MIN_BYTES, defaultThreads, resolveParallelOptions } from '../../src/series/parallel-options.js';
import { tempDir } from '../helpers/child.js';
import { parseJson, REPO_ROOT, runCli } from '../helpers/cli.js';
import { MIB, ndjsonAcrossCut, traceGcAcrossCut } from './split-inputs.js';

const temp = tempDir('pooldoc-parallel-');
afterAll(() => temp.cleanup());

/** Enough lines for a few MB, so each thread reads many 4 MB-buffer refills' worth of lines… and an even count. */
const NDJSON_LINES = 24_000;
const TRACE_GC_LINES = 30_000;
const ONE_THREAD = { threads: 1 };
const forced = (threads: number) => ({ minBytes: 0, threads });

function write(name: string, text: string): string {
  const file = path.join(temp.dir, name);
  writeFileSync(file, text);
  // A fixed mtime: trace-gc times are anchored to it when --start is not given.
  const mtime = Date.UTC(2024, 4, 2) / 1000;
  utimesSync(file, mtime, mtime);
  return file;
}

/** 1-based number of the line that starts at byte `offset` of `file`. */
function lineAt(file: string, offset: number): number {
  const bytes = readFileSync(file);
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The result without `files` (equal anyway) and with the lazily built GC events materialised, for toEqual. */
function comparable(result: SeriesReadResult) {
  return { ...result, memory: result.memory.map((series) => ({ ...series, gcEvents: series.gcEvents })) };
}

describe('splitAtLines', () => {
  it('cuts just after a newline, moves a cut that lands inside a long line to its end, and keeps a one-line file whole', () => {
    const long = `{"a":"${'x'.repeat(300_000)}"}`;
    const file = write('long-middle.ndjson', `{"short":1}\n${long}\n{"b":2}\n{"c":3}\n`);
    const ranges = splitAtLines(file, readFileSync(file).length, 2);
    // The nominal middle is inside the long line: the cut moves to the line after it.
    expect(ranges).toEqual([{ start: 0, end: 12 + long.length + 1 }, { start: 12 + long.length + 1, end: readFileSync(file).length }]);
    const oneLine = write('one-line.ndjson', long);
    expect(splitAtLines(oneLine, long.length, 4)).toEqual([{ start: 0, end: long.length }]);
    const exact = write('exact.ndjson', 'ab\ncd\n');
    expect(splitAtLines(exact, 6, 2)).toEqual([{ start: 0, end: 3 }, { start: 3, end: 6 }]);
  });
});

describe('resolveParallelOptions', () => {
  it('takes the option, else the environment, else the default; ignores unusable environment values', () => {
    const quiet = { cpus: 2, load: 0.2 };
    expect(resolveParallelOptions({}, {}, quiet)).toEqual({ minBytes: DEFAULT_PARALLEL_MIN_BYTES, threads: 2 });
    expect(resolveParallelOptions({}, { POOLDOC_PARALLEL_MIN_BYTES: '1000', POOLDOC_THREADS: '3' }, quiet)).toEqual({ minBytes: 1000, threads: 3 });
    expect(resolveParallelOptions({ minBytes: 5, threads: 1 }, { POOLDOC_PARALLEL_MIN_BYTES: '1000', POOLDOC_THREADS: '3' }, quiet)).toEqual({ minBytes: 5, threads: 1 });
    expect(resolveParallelOptions({}, { POOLDOC_PARALLEL_MIN_BYTES: 'lots', POOLDOC_THREADS: '-2' }, quiet)).toEqual({ minBytes: DEFAULT_PARALLEL_MIN_BYTES, threads: 2 });
  });

  it('by default adds a thread per idle CPU only: one thread on a busy machine, at most 4', () => {
    expect(defaultThreads({ cpus: 2, load: 0.3 })).toBe(2);
    expect(defaultThreads({ cpus: 2, load: 1.5 })).toBe(1);
    expect(defaultThreads({ cpus: 2, load: 4.8 })).toBe(1);
    expect(defaultThreads({ cpus: 16, load: 2 })).toBe(4);
    expect(defaultThreads({ cpus: 8, load: 6.5 })).toBe(2);
  });
});

describe.each([
  ['complete', false],
  ['truncated last line', true],
] as const)('NDJSON read on several threads, %s', (_label, truncate) => {
  const { text, problemLines } = ndjsonAcrossCut(NDJSON_LINES, truncate);
  const file = write(`samples-${truncate ? 'cut' : 'whole'}.ndjson`, text);

  it('the input is big and its problem lines sit on both sides of the two-thread cut', () => {
    expect(text.length).toBeGreaterThan(2 * MIB);
    const ranges = splitAtLines(file, Buffer.byteLength(text), 2);
    expect(ranges).toHaveLength(2);
    const firstLineAfterCut = lineAt(file, ranges[1].start);
    expect(firstLineAfterCut).toBe(NDJSON_LINES / 2 + 1);
    expect(problemLines.filter((line) => line < firstLineAfterCut).length).toBeGreaterThanOrEqual(2);
    expect(problemLines.filter((line) => line >= firstLineAfterCut).length).toBeGreaterThanOrEqual(2);
  });

  it.each([2, 3])('gives what one thread gives, with %i threads', async (threads) => {
    const single = await readSeries([file], { parallel: ONE_THREAD });
    const parallel = await readSeries([file], { parallel: forced(threads) });
    expect(comparable(parallel)).toEqual(comparable(single));
    // What both must say, so that equal-but-wrong cannot pass.
    expect(single.unparsedLines).toBe(problemLines.length);
    expect(single.problems.map((problem) => problem.line)).toEqual(problemLines.slice(0, 5));
    const a = single.memory.find((series) => series.instance === 'a')!;
    expect(a.restarts).toHaveLength(1);
    expect(a.restarts![0]).toBe(Date.UTC(2024, 4, 1) + (NDJSON_LINES / 2 + 2) * 1000 - 10_000);
    expect(Array.from(a.time).every((time, i) => i === 0 || time >= a.time[i - 1])).toBe(true);
    expect(a.columns.external!.slice(0, 10).every(Number.isNaN)).toBe(true);
    expect(single.pools.map((pool) => pool.name).sort()).toEqual(['a/late', 'a/main', 'b/late', 'b/main']);
    const rows = single.memory.reduce((sum, series) => sum + series.time.length, 0);
    expect(rows).toBe(NDJSON_LINES - problemLines.length);
  });
});

describe.each([
  ['complete, anchored to mtime', false, undefined],
  ['truncated last line, anchored to --start', true, Date.UTC(2024, 4, 1, 12)],
] as const)('trace-gc read on several threads, %s', (_label, truncate, start) => {
  const { text, problemLines } = traceGcAcrossCut(TRACE_GC_LINES, truncate);
  const file = write(`gc-${truncate ? 'cut' : 'whole'}.log`, text);

  it('the cut falls where the restart starts, with problem lines on both sides', () => {
    const ranges = splitAtLines(file, Buffer.byteLength(text), 2);
    const firstLineAfterCut = lineAt(file, ranges[1].start);
    expect(firstLineAfterCut).toBe(TRACE_GC_LINES / 2 + 1);
    expect(problemLines.some((line) => line < firstLineAfterCut) && problemLines.some((line) => line >= firstLineAfterCut)).toBe(true);
  });

  it.each([2, 3])('gives what one thread gives, with %i threads', async (threads) => {
    const single = await readSeries([file], { format: 'trace-gc', start, parallel: ONE_THREAD });
    const parallel = await readSeries([file], { format: 'trace-gc', start, parallel: forced(threads) });
    expect(comparable(parallel)).toEqual(comparable(single));
    expect(single.unparsedLines).toBe(problemLines.length);
    expect(single.problems.map((problem) => problem.line)).toEqual(problemLines);
    expect(single.memory.map((series) => series.instance)).toEqual(['18328:0x24542000', '18328:0x7f00aa000', '19001:0x24542000']);
    const [main, , restarted] = single.memory;
    expect(restarted.gcEvents![0].type).toBe('Mark-Compact (reduce)');
    if (start === undefined) {
      // Anchors chain across the cut: the first process ends where the second one's first line was written.
      expect(main.time[main.time.length - 1]).toBe(restarted.time[0]);
      expect(restarted.time[restarted.time.length - 1]).toBe(Date.UTC(2024, 4, 2));
    } else expect(main.time[0]).toBe(start + 30 + 7);
  });
});

describe('the worker loads from the build (dist/)', () => {
  it('is there (npm test builds first): without it every "several threads" case above would read on one', () => {
    expect(rangeWorkerFile()).toMatch(/dist[\\/]src[\\/]series[\\/]range-worker\.js$/);
  });

  const { text } = ndjsonAcrossCut(2_000, false);
  const file = write('from-dist.ndjson', text);

  it('under `node --input-type=module -e` (whose options a worker must not inherit), with the same result', async () => {
    const script = `
      const { readSeries } = await import(${JSON.stringify(path.join(REPO_ROOT, 'dist/src/series/index.js'))});
      const result = await readSeries([${JSON.stringify(file)}], { parallel: { minBytes: 0, threads: 2 } });
      console.log(JSON.stringify(result.memory.map((series) => [series.instance, Array.from(series.time), Array.from(series.columns.heapUsed)])));
    `;
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const single = await readSeries([file], { parallel: ONE_THREAD });
    expect(JSON.parse(stdout)).toEqual(single.memory.map((series) => [series.instance, Array.from(series.time), Array.from(series.columns.heapUsed!)]));
  });

  it('through the CLI, forced by POOLDOC_PARALLEL_MIN_BYTES and POOLDOC_THREADS, with the same --json', async () => {
    const [split, whole] = await Promise.all([
      runCli(['trend', file, '--json'], { env: { POOLDOC_PARALLEL_MIN_BYTES: '0', POOLDOC_THREADS: '2' } }),
      runCli(['trend', file, '--json'], { env: { POOLDOC_THREADS: '1' } }),
    ]);
    expect(split.stderr).toBe('');
    expect(parseJson(split)).toEqual(parseJson(whole));
    expect(parseJson(whole)).toMatchObject({ unparsedLines: 7 });
  });
});
