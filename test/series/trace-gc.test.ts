// trace-gc and trace-gc-nvp reader: real logs from Node 20 and 22, the shared samples, anchoring, isolates, garbage.
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readSeries } from '../../src/series/index.js';
import type { MemorySeries } from '../../src/series/types.js';
import { tempDir } from '../helpers/child.js';
import { HEALTHY_SCRIPT, LEAKING_SCRIPT, makeGcLog, NODE22, requireNode20 } from './gc-logs.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/metrics/', import.meta.url));
const MIB = 1024 * 1024;
const temp = tempDir('pooldoc-tracegc-');
afterAll(() => temp.cleanup());

function majorsAfter(series: MemorySeries): number[] {
  return (series.gcEvents ?? []).filter((event) => event.kind === 'major').map((event) => event.heapAfter);
}

const NODE20 = requireNode20();

describe.each([
  ['Node 20', NODE20, '--trace-gc'],
  ['Node 22', NODE22, '--trace-gc'],
  ['Node 20', NODE20, '--trace-gc-nvp'],
  ['Node 22', NODE22, '--trace-gc-nvp'],
] as const)('%s %s log made by the test', (label, node, flag) => {
  let leaking: string;
  let healthy: string;
  beforeAll(async () => {
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' })).toMatch(label === 'Node 20' ? /^v20\./ : /^v22\./);
    const name = `${label.replace(' ', '')}${flag}`;
    [leaking, healthy] = await Promise.all([
      makeGcLog({ dir: temp.dir, name: `leak-${name}.log`, source: LEAKING_SCRIPT, node, flag }),
      makeGcLog({ dir: temp.dir, name: `ok-${name}.log`, source: HEALTHY_SCRIPT, node, flag }),
    ]);
  });

  it('reads one isolate with a climbing post-major-GC heap for the leaking script', async () => {
    const result = await readSeries([leaking]);
    expect(result.files[0].format).toBe(flag === '--trace-gc' ? 'trace-gc' : 'trace-gc-nvp');
    expect(result.unparsedLines).toBe(0);
    expect(result.memory).toHaveLength(1);
    const [series] = result.memory;
    expect(series.instance).toMatch(/^\d+:0x[0-9a-f]+$/);
    const majors = majorsAfter(series);
    // 8 forced full GCs, each after ~60k more retained objects (several MB).
    expect(majors.length).toBeGreaterThanOrEqual(8);
    expect(majors[majors.length - 1] - majors[0]).toBeGreaterThan(10 * MIB);
    expect(series.time.length).toBe(series.gcEvents!.length);
    expect(series.columns.heapUsed![series.time.length - 1]).toBe(series.gcEvents![series.gcEvents!.length - 1].heapAfter);
  });

  it('reads a flat post-major-GC heap for the healthy script', async () => {
    const [series] = (await readSeries([healthy])).memory;
    const majors = majorsAfter(series);
    expect(majors.length).toBeGreaterThanOrEqual(8);
    const tail = majors.slice(2);
    expect(Math.max(...tail) - Math.min(...tail)).toBeLessThan(3 * MIB);
  });

  it('anchors the last line at the file mtime, or the first at --start', async () => {
    const mtime = Date.UTC(2024, 4, 1, 12, 0, 0);
    utimesSync(leaking, mtime / 1000, mtime / 1000);
    const [byMtime] = (await readSeries([leaking])).memory;
    expect(byMtime.timeAnchor).toBe('file-mtime');
    expect(byMtime.time[byMtime.time.length - 1]).toBe(mtime);
    const start = Date.UTC(2024, 4, 1, 11, 0, 0);
    const [byStart] = (await readSeries([leaking], { start })).memory;
    expect(byStart.timeAnchor).toBe('start-flag');
    const firstMs = Number(/\s([\d.]+) ms: /.exec(readFileSync(leaking, 'utf8'))![1]);
    expect(byStart.time[0]).toBeCloseTo(start + firstMs, 6);
  });
});

describe('trace-gc shared samples and reference lines', () => {
  it('reads the Node 20 and Node 22 samples (pooled: field) with MiB sizes', async () => {
    const result = await readSeries([path.join(FIXTURES, 'trace-gc-node20.log'), path.join(FIXTURES, 'trace-gc-node22.log')]);
    expect(result.memory.map((series) => series.instance)).toEqual(['18049:0x3089ac40', '18328:0x24542000']);
    const [node20, node22] = result.memory;
    expect(node20.time).toHaveLength(19);
    expect(node22.time).toHaveLength(20);
    // "Mark-Compact 45.2 (64.2) -> 2.5 (36.7) MB, 6.12 / 0.00 ms" is the last line of the Node 20 sample.
    const last = node20.gcEvents![18];
    expect(last).toMatchObject({ kind: 'major', type: 'Mark-Compact', heapBefore: Math.round(45.2 * MIB), heapAfter: Math.round(2.5 * MIB), heapTotalAfter: Math.round(36.7 * MIB), pauseMs: 6.12 });
    expect(node22.gcEvents![19]).toMatchObject({ kind: 'major', heapAfter: Math.round(3.4 * MIB), pauseMs: 7.59 });
    expect(node22.gcEvents!.filter((event) => event.kind === 'minor')).toHaveLength(18);
  });

  it('reads Node 18 Mark-sweep, Node 24 lines and a (reduce) suffix, one series per pid:isolate', async () => {
    // Lines from the reference (Node 18–24) plus one with the `(reduce)` suffix per V8's format string.
    const result = await readSeries([path.join(FIXTURES, 'trace-gc-node18-24-reference.log')]);
    const byInstance = new Map(result.memory.map((series) => [series.instance, series]));
    expect([...byInstance.keys()]).toEqual(['7568:0x2d54cd00', '5939:0x387b7c00', '5960:0x22d00c40', '7604:0xbb2b000', '7616:0x3b786000']);
    expect(byInstance.get('7568:0x2d54cd00')!.gcEvents![0]).toMatchObject({ kind: 'major', type: 'Mark-sweep', heapAfter: Math.round(20 * MIB), pauseMs: 23.9 });
    expect(byInstance.get('5939:0x387b7c00')!.gcEvents![0]).toMatchObject({ kind: 'minor', type: 'Scavenge' });
    const node24 = byInstance.get('7616:0x3b786000')!.gcEvents!;
    expect(node24.map((event) => [event.kind, event.type])).toEqual([['minor', 'Scavenge'], ['major', 'Mark-Compact (reduce)']]);
    expect(node24[1].heapAfter).toBe(Math.round(9.8 * MIB));
  });

  it('reads --trace-gc-nvp of Node 20 (total_size_*) and Node 24 (start/end_object_size, [pid:isolate:0])', async () => {
    const result = await readSeries([path.join(FIXTURES, 'trace-gc-nvp-node20.log'), path.join(FIXTURES, 'trace-gc-nvp-node24-reference.log')]);
    expect(result.files.map((file) => file.format)).toEqual(['trace-gc-nvp', 'trace-gc-nvp']);
    const [node20, node24] = result.memory;
    expect(node20.gcEvents![0]).toMatchObject({ kind: 'minor', heapBefore: 4064736, heapAfter: 3852552, pauseMs: 6.2, type: 'gc=s' });
    expect(node20.gcEvents!.filter((event) => event.kind === 'major').map((event) => event.heapAfter)).toEqual([24496752]);
    expect(node24.instance).toBe('7616:0x3b786000');
    expect(node24.gcEvents![1]).toMatchObject({ kind: 'major', heapBefore: 47815065, heapAfter: 3565158, heapTotalAfter: 39950745, type: 'gc=mc' });
    expect(node24.columns.heapTotal).toBeDefined();
  });
});

describe('trace-gc edge cases', () => {
  it('counts app output and broken GC lines with their line numbers, keeping the good lines', async () => {
    const file = path.join(temp.dir, 'mixed.log');
    const lines = readFileSync(path.join(FIXTURES, 'trace-gc-node20.log'), 'utf8').trimEnd().split('\n');
    lines.splice(3, 0, 'server listening on :8080');
    lines.splice(7, 0, '[18049:0x3089ac40]      300 ms: Scavenge 3.9 (4.0) -> ');
    writeFileSync(file, lines.join('\n') + '\n');
    const result = await readSeries([file]);
    expect(result.unparsedLines).toBe(2);
    expect(result.problems.map((problem) => [problem.line, problem.file])).toEqual([[4, file], [8, file]]);
    expect(result.problems[0].message).toContain('server listening');
    expect(result.memory[0].time).toHaveLength(19);
  });

  it('chains a restart appended to the same file: the first process ends where the second starts', async () => {
    const file = path.join(temp.dir, 'restart.log');
    copyFileSync(path.join(FIXTURES, 'trace-gc-node20.log'), file);
    appendFileSync(file, readFileSync(path.join(FIXTURES, 'trace-gc-node22.log')));
    const mtime = Date.UTC(2024, 0, 1);
    utimesSync(file, mtime / 1000, mtime / 1000);
    const [first, second] = (await readSeries([file])).memory;
    expect(second.time[second.time.length - 1]).toBe(mtime);
    // The first process's last line is anchored to the second's first line (35 ms after its start).
    expect(first.time[first.time.length - 1]).toBe(second.time[0]);
    expect(second.time[0]).toBe(mtime - 372 + 35);
  });

  it('keys worker threads by isolate', async () => {
    const source = `
      const { Worker, isMainThread } = require('node:worker_threads');
      // Enough short-lived garbage for several scavenges in each isolate.
      const churn = () => { for (let r = 0; r < 20; r++) { const a = []; for (let i = 0; i < 100000; i++) a.push({ i }); } };
      if (isMainThread) new Worker(__filename).on('exit', churn); else churn();
    `;
    const file = await makeGcLog({ dir: temp.dir, name: 'workers.log', source });
    const result = await readSeries([file]);
    const pids = new Set(result.memory.map((series) => series.instance.split(':')[0]));
    expect(result.memory.length).toBeGreaterThanOrEqual(2);
    expect(pids.size).toBe(1);
  });

  it('rejects a file with no GC line when the format is forced', async () => {
    const file = path.join(temp.dir, 'not-gc.log');
    writeFileSync(file, 'hello\nworld\n');
    await expect(readSeries([file], { format: 'trace-gc' })).rejects.toThrow(InputError);
    await expect(readSeries([file], { format: 'trace-gc' })).rejects.toThrow(/not-gc\.log:1: no samples found as trace-gc; 2 unparseable/);
  });
});
