// `pooldoc diff` on snapshot series the test writes from one child process: a Map that grows by a known number
// of entries per snapshot is found with its path, entries and verdict; a bounded cache is not a leak; a quiet
// process is clean; two snapshots give no verdict; the JSON key contract and exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffResultSchema, type DiffResult } from '../../src/report/heap-result.js';
import { tempDir } from '../helpers/child.js';
import { parseJson, runCli, SLOW_CLI_TIMEOUT_MS } from '../helpers/cli.js';
import { writeSnapshotSeries } from '../helpers/snapshots.js';

const STEP = 1000;

const LEAKY_SETUP = `
class Entry { constructor(i) { this.i = i; this.payload = 'p' + i; } }
class QueryManager { constructor() { this.queryCache = new Map(); this.recent = new Map(); } }
globalThis.__mgr = new QueryManager();
let next = 0;
function grow() {
  for (let i = 0; i < ${STEP}; i++) { const n = next++; __mgr.queryCache.set('q' + n, new Entry(n)); }
  // A bounded cache: refilled to a size that goes up and down, never a trend.
  __mgr.recent.clear();
  const size = [500, 300, 900][(next / ${STEP}) % 3];
  for (let i = 0; i < size; i++) __mgr.recent.set('r' + i, { i });
}
grow();
`;

describe('pooldoc diff', { timeout: SLOW_CLI_TIMEOUT_MS }, () => {
  const temp = tempDir();
  let files: string[];
  let result: DiffResult;
  let code: number | null;

  beforeAll(async () => {
    files = await writeSnapshotSeries({ dir: temp.dir, setup: LEAKY_SETUP, between: 'grow();', count: 3, intervalMs: 300, name: 'leaky' });
    const run = await runCli(['diff', ...files, '--json']);
    code = run.code;
    result = parseJson<DiffResult>(run);
  }, SLOW_CLI_TIMEOUT_MS);
  afterAll(() => temp.cleanup());

  it('keeps the JSON key contract', () => {
    expect(diffResultSchema.parse(result)).toBeTruthy();
    expect(Object.keys(result.classes[0]).sort()).toEqual(['allocatedSize', 'countDelta', 'deletedCount', 'freedSize', 'name', 'newCount', 'sizeDelta']);
    for (const key of ['id', 'kind', 'name', 'path', 'entries', 'retainedSize']) expect(result.growing[0]).toHaveProperty(key);
  });

  it('finds the growing Map first, with monotonic entries, its owner path and a leak verdict', () => {
    const top = result.growing[0];
    expect(top).toMatchObject({ kind: 'Map', measure: 'entries', monotonic: true, verdict: 'leak', entries: [STEP, 2 * STEP, 3 * STEP] });
    expect(top.path).toMatch(/__mgr\.queryCache$/);
    expect(top.retainedSize[2]).toBeGreaterThan(top.retainedSize[1]);
    expect(top.retainedSize[1]).toBeGreaterThan(top.retainedSize[0]);
    expect(result.verdict).toBe('leak');
  });

  it('exits 1 on a leak verdict (findings at error level) and still prints the JSON', () => {
    expect(code).toBe(1);
  });

  it('does not call the bounded cache a leak', () => {
    const recent = result.growing.find((g) => g.path.endsWith('__mgr.recent'));
    if (recent) expect(recent).toMatchObject({ monotonic: false, verdict: 'ok', entries: [300, 900, 500] });
    else expect.fail('the bounded cache grew 300 → 500 overall, so it must be listed as fluctuating');
  });

  it('reports the class deltas of DevTools Comparison, first → last', () => {
    const entry = result.classes.find((c) => c.name === 'Entry');
    expect(entry).toMatchObject({ newCount: 2 * STEP, deletedCount: 0, countDelta: 2 * STEP });
    expect(entry!.sizeDelta).toBeGreaterThan(0);
    expect(entry!.sizeDelta).toBe(entry!.allocatedSize - entry!.freedSize);
  });

  it('lists the owner objects whose retained size grows, above the 10 KiB floor', () => {
    const objects = result.growing.filter((g) => g.measure === 'retainedSize');
    const manager = objects.find((g) => g.name === 'QueryManager');
    expect(manager).toBeDefined();
    expect(manager!.monotonic).toBe(true);
    expect(manager!.entries).toEqual([]);
    for (const object of objects) expect(object.retainedSize.at(-1)).toBeGreaterThanOrEqual(10 * 1024);
  });

  it('gives rates per second from --interval', async () => {
    const run = parseJson<DiffResult>(await runCli(['diff', ...files, '--json', '--interval', '60']));
    expect(run.timesFrom).toBe('interval');
    expect(run.times).toEqual([0, 60, 120]);
    expect(run.growing[0].perSecond).toBeCloseTo((2 * STEP) / 120);
  });

  it('gives no verdict from two snapshots and exits 0', async () => {
    const run = await runCli(['diff', files[0], files[1], '--json']);
    expect(run.code).toBe(0);
    const two = parseJson<DiffResult>(run);
    expect(two.verdict).toBe('insufficient-data');
    expect(two.growing[0]).toMatchObject({ verdict: 'insufficient-data', entries: [STEP, 2 * STEP] });
  });

  it('renders the growth table in text mode', async () => {
    const run = await runCli(['diff', ...files]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/LEAK/);
    expect(run.stdout).toMatch(/1,000 → 2,000 → 3,000/);
    expect(run.stdout).toMatch(/__mgr\.queryCache/);
  });

  it('needs at least two snapshots (usage error, exit 2)', async () => {
    const run = await runCli(['diff', files[0]]);
    expect(run.code).toBe(2);
  });
});

describe('pooldoc diff on a quiet process', { timeout: SLOW_CLI_TIMEOUT_MS }, () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('finds no leak in three snapshots of a process that only idles (exit 0)', async () => {
    const files = await writeSnapshotSeries({
      dir: temp.dir,
      setup: 'globalThis.__stable = { table: new Map(Array.from({ length: 2000 }, (_, i) => [i, { i }])) };',
      between: 'for (let i = 0; i < 1000; i++) JSON.stringify({ i });',
      count: 3,
      intervalMs: 200,
      name: 'quiet',
    });
    const run = await runCli(['diff', ...files, '--json']);
    const result = parseJson<DiffResult>(run);
    expect(result.growing.filter((g) => g.verdict === 'leak')).toEqual([]);
    expect(result.verdict).toBe('ok');
    expect(run.code).toBe(0);
  });
});
