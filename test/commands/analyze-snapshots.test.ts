// `pooldoc analyze --snapshots N --every S` end to end: real targets (CJS on Node 20, ESM on Node 22), real
// snapshots taken over the inspector, the same diff analysis as `pooldoc diff`; asserts on the JSON report,
// on the files written and on /proc after the run.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnalyzeResult } from '../../src/attach/analysis.js';
import { snapshotFiles } from '../../src/attach/snapshot-step.js';
import { listeningSockets } from '../../src/attach/sockets.js';
import { parseJson, runCli } from '../helpers/cli.js';
import { startTarget, tempDir } from '../helpers/child.js';
import * as targets from './analyze-targets.js';

const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function target(source: string, name: string, options: { node?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChildProcess> {
  const child = await startTarget(source, { dir: targets.TARGET_DIR, name, node: options.node, nodeArgs: targets.RANDOM_INSPECTOR_PORT, env: options.env });
  children.push(child);
  return child;
}

function snapshotBase(): string {
  const { dir, cleanup } = tempDir('pooldoc-snapshots-');
  cleanups.push(cleanup);
  return `${dir}/live.heapsnapshot`;
}

/** A cache Map that only grows (40 entries every 100 ms) next to a Map that stays at 100 entries. */
const GROWING_CACHE = `
const cache = new Map();
const stable = new Map();
for (let i = 0; i < 100; i++) stable.set(i, { value: i });
globalThis.__service = { cache, stable };
setInterval(() => { for (let i = 0; i < 40; i++) cache.set(cache.size, { payload: 'p'.repeat(100) + cache.size }); }, 100);
console.log('ready');
`;

describe('snapshotFiles', () => {
  it('numbers the files before the extension, and keeps a single file as given', () => {
    expect(snapshotFiles('snapshots/a.heapsnapshot', 1)).toEqual(['snapshots/a.heapsnapshot']);
    expect(snapshotFiles('snapshots/a.heapsnapshot', 3)).toEqual(['snapshots/a-1.heapsnapshot', 'snapshots/a-2.heapsnapshot', 'snapshots/a-3.heapsnapshot']);
    expect(snapshotFiles('snapshots/b', 2)).toEqual(['snapshots/b-1.heapsnapshot', 'snapshots/b-2.heapsnapshot']);
  });
});

describe('analyze --snapshots', () => {
  it('follows a growing Map across 3 live snapshots: leak with its path, 0600 files, inspector closed (node 20, CJS)', async () => {
    const child = await target(GROWING_CACHE, 'growing-cache.cjs');
    const base = snapshotBase();
    const html = base.replace(/heapsnapshot$/, 'html');
    const result = await runCli(['analyze', String(child.pid), '--duration', '1s', '--interval', '200ms', '--snapshots', '3', '--every', '1s', '--snapshot-file', base, '--no-pools', '--json', '--html', html]);
    const report = parseJson<AnalyzeResult>(result);
    const diff = report.snapshots!;
    expect(readFileSync(html, 'utf8')).toMatch(/Growth across 3 snapshots[\s\S]*__service\.cache/);
    expect(diff.files).toEqual(snapshotFiles(base, 3));
    for (const file of diff.files) expect(statSync(file).mode & 0o777).toBe(0o600);
    // --every 1s from the start of sampling: snapshot k is due k seconds after the first (later when the one
    // before it took longer than that on a loaded machine, never earlier).
    expect(diff.times[0]).toBe(0);
    for (let i = 1; i < 3; i++) expect(diff.times[i]!).toBeGreaterThanOrEqual(i - 0.05);
    expect(diff.verdict).toBe('leak');
    const cache = diff.growing.find((row) => row.path.endsWith('__service.cache'))!;
    expect(cache).toMatchObject({ kind: 'Map', measure: 'entries', monotonic: true, verdict: 'leak' });
    expect(cache.entries[2]! - cache.entries[0]!).toBeGreaterThan(300);
    expect(cache.perSecond).toBeGreaterThan(100);
    expect(diff.growing.some((row) => row.path.endsWith('__service.stable'))).toBe(false);
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'snapshot-growth', severity: 'error', message: expect.stringContaining('__service.cache grows in every snapshot') }));
    // The last snapshot also gives the single-snapshot report (largest collections with owner paths).
    expect(report.snapshot!.file).toBe(diff.files[2]);
    expect(report.snapshot!.collections.some((collection) => collection.path.endsWith('__service.cache'))).toBe(true);
    expect(report.target.inspectorAfter).toBe('closed');
    expect(listeningSockets(child.pid!).some((socket) => socket.port === report.target.inspectorPort)).toBe(false);
    expect(result.code).toBe(1);
  });

  it('two snapshots in the text report: what grew, and why that is not yet a verdict', async () => {
    const child = await target(GROWING_CACHE, 'growing-cache-text.cjs');
    const result = await runCli(['analyze', String(child.pid), '--duration', '500ms', '--interval', '200ms', '--snapshots', '2', '--snapshot-file', snapshotBase(), '--no-pools']);
    expect(result.stdout).toContain('Growth across 2 snapshots');
    expect(result.stdout).toMatch(/verdict insufficient-data: two snapshots show change, not a trend/);
    expect(result.stdout).toMatch(/Map\s+\d[\d,]* → \d[\d,]*\s.*__service\.cache/);
    expect(result.code).toBe(0);
  });

  it('a target with nothing growing: no collection leak (node 22, ESM)', async () => {
    const source = `
const stable = new Map();
for (let i = 0; i < 1000; i++) stable.set(i, { value: i });
globalThis.__stable = stable;
// Steady work that keeps nothing: garbage only.
setInterval(() => { const scratch = []; for (let i = 0; i < 1000; i++) scratch.push({ i }); }, 20);
console.log('ready');
`;
    const child = await target(source, 'steady.mjs', { node: targets.NODE22 });
    const result = await runCli(['analyze', String(child.pid), '--duration', '1s', '--interval', '200ms', '--snapshots', '3', '--every', '700ms', '--snapshot-file', snapshotBase(), '--no-pools', '--json']);
    const report = parseJson<AnalyzeResult>(result);
    expect(report.target.nodeVersion).toMatch(/^v22\./);
    expect(report.snapshots!.files).toHaveLength(3);
    expect(report.snapshots!.growing.filter((row) => row.measure === 'entries' && row.verdict === 'leak')).toEqual([]);
    expect(report.snapshots!.growing.some((row) => row.path.includes('__stable'))).toBe(false);
  });

  it('the target exits between snapshots: the ones taken are diffed, files kept, exit 3', async () => {
    // 4 s leave room for two snapshots even when each one is slow on a loaded machine; 8 can never all fit.
    const child = await target(targets.EXITS_SOON, 'exits-between.cjs', { env: { EXIT_AFTER_MS: '4000' } });
    const base = snapshotBase();
    const result = await runCli(['analyze', String(child.pid), '--interval', '200ms', '--snapshots', '8', '--every', '1s', '--snapshot-file', base, '--no-pools', '--json']);
    const report = parseJson<AnalyzeResult>(result);
    expect(result.code).toBe(3);
    expect(report.run.targetGone).toBe(true);
    const taken = report.snapshots!.files;
    expect(taken.length).toBeGreaterThanOrEqual(2);
    expect(taken.length).toBeLessThan(8);
    for (const file of taken) expect(existsSync(file)).toBe(true);
    expect(report.snapshots!.nodeCount).toHaveLength(taken.length);
  });

  it('--every without --snapshots: one line, exit 2, nothing attached', async () => {
    const result = await runCli(['analyze', String(process.pid), '--every', '10s']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--every needs --snapshots N/);
  });
});
