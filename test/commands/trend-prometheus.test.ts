// `pooldoc trend --prometheus` against a real Prometheus (Debian's package) scraping two real test apps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendResult } from '../../src/report/trend-json.js';
import { parseJson, runCli } from '../helpers/cli.js';
import { startMetricsApp, type MetricsApp } from '../series/metrics-app.js';
import { ensurePrometheus, startPrometheus, type PrometheusServer } from '../series/prometheus-server.js';

const MIB = 1024 * 1024;
/** 1-s scrapes for this long: ~25 samples per instance, short of the 150 s pooldoc wants before flagging sampled growth. */
const SCRAPE_SECONDS = 25;
const LEAK_BYTES_PER_SECOND = 1 * MIB;
/**
 * A container-sized heap: with it the apps' promoted request garbage brings a major GC every few seconds, so the
 * scrapes show GC cycles whose troughs are the live heap. Without one, V8 lets old space grow past 150 MB before its
 * first major GC, the run would be a bare rise, and pooldoc rightly says insufficient-data (issue 19, case 5).
 */
const NODE_ARGS = ['--max-old-space-size=128'];

const binary = ensurePrometheus();

describe.skipIf(!binary)('trend --prometheus (real server round trip)', () => {
  let prometheus: PrometheusServer;
  let leaking: MetricsApp;
  let healthy: MetricsApp;

  beforeAll(async () => {
    [leaking, healthy] = await Promise.all([startMetricsApp({ LEAK_BYTES_PER_SECOND: String(LEAK_BYTES_PER_SECOND) }, NODE_ARGS), startMetricsApp({}, NODE_ARGS)]);
    prometheus = await startPrometheus(binary!, [`127.0.0.1:${leaking.port}`, `127.0.0.1:${healthy.port}`]);
    await new Promise((resolve) => setTimeout(resolve, SCRAPE_SECONDS * 1000));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([prometheus?.stop(), leaking?.stop(), healthy?.stop()]);
  });

  it('gives one verdict per instance: the leak measured at about its rate but 25 s called too short, the pools saturated, exit 1', async () => {
    const result = await runCli(['trend', '--prometheus', prometheus.url, '--since', '2m', '--step', '1s', '--json']);
    expect(result.code).toBe(1);
    const json = parseJson<TrendResult>(result);
    const byName = new Map(json.series.map((series) => [series.name, series]));
    expect([...byName.keys()].sort()).toEqual([`127.0.0.1:${leaking.port}`, `127.0.0.1:${healthy.port}`].sort());
    const leak = byName.get(`127.0.0.1:${leaking.port}`)!;
    expect(leak.source).toBe(prometheus.url);
    // 40 s of sampled heap: a leak, a process warming up and a cache filling look alike (bench/verdicts), so the
    // verdict says how long to run; the baseline and its rate are still measured.
    expect(leak.verdict).toBe('insufficient-data');
    expect(leak.reasons.join(' ')).toMatch(/run ≥ 3 min/);
    // The healthy app is not flagged either (a sawtooth whose troughs fall).
    const calm = byName.get(`127.0.0.1:${healthy.port}`)!;
    expect(['ok', 'insufficient-data']).toContain(calm.verdict);
    // Six workers share four clients: requests wait most of the time.
    expect(json.pools.length).toBeGreaterThanOrEqual(2);
    expect(json.pools.every((pool) => pool.verdict === 'saturated')).toBe(true);
  });
});

describe('trend --prometheus refusals', () => {
  it('refuses a non-loopback server without --allow-remote (exit 2, nothing sent)', async () => {
    const result = await runCli(['trend', '--prometheus', 'http://192.0.2.10:9090']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to query 192\.0\.2\.10:9090/);
  });

  it('a bad --since is exit 2 naming the flag', async () => {
    const result = await runCli(['trend', '--prometheus', 'http://127.0.0.1:9', '--since', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since "yesterday"/);
  });
});
