// `pooldoc trend` end to end through the built CLI: seeded NDJSON dumps, real --trace-gc logs from Node 20 and
// Node 22, real diagnostic reports, pools, --metric, exit codes and bad input; --json checked against its schema.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript, tempDir } from '../helpers/child.js';
import { parseJson, runCli } from '../helpers/cli.js';
import { makeGcLog, NODE22, requireNode20 } from '../series/gc-logs.js';
import { MIB, syntheticHeap } from '../detect/synthetic.js';
import type { TrendResult } from '../../src/report/trend-json.js';
import { HEALTHY_SERVICE, LEAKING_SERVICE, writeNdjson } from './trend-inputs.js';
import { TREND_RESULT } from './trend-schema.js';

const temp = tempDir('pooldoc-trend-');
afterAll(() => temp.cleanup());

describe('trend on NDJSON dumps', () => {
  it('finds a slow leak (60 MiB/h under a sawtooth) with its slope, interval and time to limit, and exits 1', async () => {
    const series = syntheticHeap({ samples: 1440, intervalMs: 15_000, leakBytesPerHour: 60 * MIB, sawtoothBytes: 15 * MIB, sawtoothPeriod: 30, noiseBytes: 0.5 * MIB, heapLimit: 512 * MIB, seed: 11 });
    const file = writeNdjson(path.join(temp.dir, 'leak.ndjson'), series);
    const result = await runCli(['trend', file, '--json']);
    expect(result.code).toBe(1);
    const json = parseJson<TrendResult>(result);
    TREND_RESULT.parse(json);
    expect(json.series).toHaveLength(1);
    const [entry] = json.series;
    expect(entry).toMatchObject({ source: file, samples: 1440, baseline: 'rolling-min', verdict: 'leak', heapLimit: 512 * MIB });
    expect(entry.spanSeconds).toBeCloseTo(1439 * 15, 0);
    expect(entry.slopeBytesPerHour! / (60 * MIB)).toBeGreaterThan(0.9);
    expect(entry.slopeBytesPerHour! / (60 * MIB)).toBeLessThan(1.1);
    expect(entry.slopeInterval![0]).toBeLessThan(entry.slopeBytesPerHour!);
    expect(entry.pValue!).toBeLessThan(0.01);
    expect(entry.timeToLimitSeconds!).toBeGreaterThan(3600);
    expect(entry.timeToLimitSeconds!).toBeLessThan(3 * 3600);
    expect(json.unparsedLines).toBe(0);
  });

  it('calls a flat sawtooth ok, exits 0, and draws the chart in text mode', async () => {
    const series = syntheticHeap({ samples: 1465, intervalMs: 15_000, sawtoothBytes: 90 * MIB, sawtoothPeriod: 30, noiseBytes: 1 * MIB, heapLimit: 512 * MIB, seed: 12 });
    const file = writeNdjson(path.join(temp.dir, 'flat.ndjson'), series);
    const result = await runCli(['trend', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rolling-min/);
    expect(result.stdout).toMatch(/\bok\b/);
    // The braille chart: y labels in bytes and at least one row of braille dots.
    expect(result.stdout).toMatch(/MB ┤/);
    expect(result.stdout).toMatch(/[\u2801-\u28ff]/);
  });

  it('reports a saturated pool and a pool leaking clients, exit 1, and counts unparseable lines (redacted)', async () => {
    const series = syntheticHeap({ samples: 120, intervalMs: 5000, sawtoothBytes: 10 * MIB, seed: 13 });
    const file = writeNdjson(path.join(temp.dir, 'pools.ndjson'), series, (index) => {
      const full = index >= 40 && index < 60;
      return {
        pools: {
          main: { totalCount: full ? 10 : 4, idleCount: full ? 0 : 2, waitingCount: full ? 5 : 0, max: 10 },
          reports: { used: Math.min(10, Math.floor(index / 12) + (index % 3)), idle: 1, waiting: 0, max: 10 },
        },
      };
    });
    writeFileSync(file, `${readFileSync(file, 'utf8')}not json, url postgres://app:hunter2@db:5432/x\n`);
    const result = await runCli(['trend', file, '--json']);
    expect(result.code).toBe(1);
    const json = parseJson<TrendResult>(result);
    TREND_RESULT.parse(json);
    const pools = new Map(json.pools.map((pool) => [pool.name, pool]));
    expect(pools.get('main')).toMatchObject({ verdict: 'saturated', saturationEpisodes: 1, waitingMax: 5 });
    expect(pools.get('main')!.saturatedSeconds).toBeCloseTo(100, 0);
    expect(pools.get('reports')!.verdict).toBe('leaking-clients');
    expect(json.unparsedLines).toBe(1);
    expect(json.problems[0].line).toBe(121);
    expect(result.stdout).not.toMatch(/hunter2/);
  });

  it('--metric maps a custom field onto heapUsed', async () => {
    const series = syntheticHeap({ samples: 600, intervalMs: 10_000, leakBytesPerHour: 200 * MIB, sawtoothBytes: 10 * MIB, heapLimit: 1024 * MIB, seed: 14 });
    const file = path.join(temp.dir, 'custom.ndjson');
    const lines = Array.from(series.time, (time, index) => JSON.stringify({ at: time, app: { liveBytes: Math.round(series.columns.heapUsed![index]) }, heap_size_limit: 1024 * MIB }));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = await runCli(['trend', file, '--metric', 'app.liveBytes=heapUsed', '--json']);
    const [entry] = parseJson<TrendResult>(result).series;
    expect(entry.verdict).toBe('leak');
    expect(entry.slopeBytesPerHour! / (200 * MIB)).toBeCloseTo(1, 1);
  });

  it('a missing file is exit 2 with one line naming it', async () => {
    const missing = path.join(temp.dir, 'nope.ndjson');
    const result = await runCli(['trend', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(missing);
  });

  it('no input at all is exit 2', async () => {
    const result = await runCli(['trend']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no input/);
  });
});

describe('trend on real --trace-gc logs', () => {
  const nodes: Array<[string, () => string]> = [['Node 20', requireNode20], ['Node 22', () => NODE22]];
  for (const [label, node] of nodes) {
    it(`${label}: a leaking service is a leak at the rate it measured itself; a healthy one is not`, async () => {
      const dir = path.join(temp.dir, label.replace(' ', ''));
      mkdirSync(dir, { recursive: true });
      const leakLog = await makeGcLog({ dir, name: 'leak.log', source: LEAKING_SERVICE, node: node() });
      const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as { bytesPerHour: number };
      const leak = await runCli(['trend', leakLog, '--json']);
      expect(leak.code).toBe(1);
      const [leakEntry] = parseJson<TrendResult>(leak).series;
      expect(leakEntry.baseline).toBe('post-gc');
      expect(leakEntry.verdict).toBe('leak');
      expect(leakEntry.slopeBytesPerHour! / truth.bytesPerHour).toBeGreaterThan(0.6);
      expect(leakEntry.slopeBytesPerHour! / truth.bytesPerHour).toBeLessThan(1.6);

      const healthyLog = await makeGcLog({ dir, name: 'healthy.log', source: HEALTHY_SERVICE, node: node() });
      const healthy = await runCli(['trend', healthyLog, '--json']);
      const [healthyEntry] = parseJson<TrendResult>(healthy).series;
      expect(healthyEntry.baseline).toBe('post-gc');
      expect(healthyEntry.verdict).toBe('ok');
      expect(healthy.code).toBe(0);
    });
  }
});

describe('trend on real diagnostic reports', () => {
  it('joins 14 reports of a leaking process into one series with the heap limit; a rise with no GC cycle in it is not yet a verdict', async () => {
    const dir = path.join(temp.dir, 'reports');
    mkdirSync(dir, { recursive: true });
    // Retains ~4 MB between reports, 150 ms apart: reports carry heap used, the heap limit and RSS.
    const script = `
      process.report.directory = ${JSON.stringify(dir)};
      const kept = [];
      let written = 0;
      const timer = setInterval(() => {
        kept.push(Array.from({ length: 500000 }, (_, i) => i + 0.5));
        process.report.writeReport();
        if (++written === 14) clearInterval(timer);
      }, 150);
    `;
    await runScript(script, { dir: temp.dir, name: 'reports.cjs' });
    const files = readdirSync(dir).filter((name) => name.startsWith('report.')).map((name) => path.join(dir, name));
    expect(files).toHaveLength(14);
    const result = await runCli(['trend', ...files, '--json']);
    const json = parseJson<TrendResult>(result);
    TREND_RESULT.parse(json);
    expect(json.series).toHaveLength(1);
    const [entry] = json.series;
    expect(entry.samples).toBe(14);
    expect(entry.heapLimit!).toBeGreaterThan(100 * MIB);
    // 2 s of reports with no collection between them: the rise could be garbage not yet collected (issue 19,
    // case 5), so the honest answer is how to get a verdict, not an error-level leak.
    expect(entry.verdict).toBe('insufficient-data');
    expect(entry.reasons.join(' ')).toMatch(/run ≥ 3 min/);
    expect(result.code).toBe(0);
  });
});
