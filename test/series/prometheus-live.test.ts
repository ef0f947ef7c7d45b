// The real Prometheus round trip: prometheus scrapes two test apps every second, queryPrometheus reads it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PooldocError } from '../../src/errors.js';
import { queryPrometheus } from '../../src/series/index.js';
import { startMetricsApp, type MetricsApp } from './metrics-app.js';
import { ensurePrometheus, freePort, startPrometheus, type PrometheusServer } from './prometheus-server.js';

/** Enough 1-s scrapes for a series, short enough for the suite (the whole file stays under ~40 s). */
const SCRAPE_SECONDS = 14;
const MIB = 1024 * 1024;

const binary = ensurePrometheus();

describe.skipIf(!binary)('live Prometheus round trip', () => {
  let prometheus: PrometheusServer;
  let leaking: MetricsApp;
  let restarting: MetricsApp;
  let restartingPort: number;
  let restartedAt: number;

  beforeAll(async () => {
    restartingPort = await freePort();
    [leaking, restarting] = await Promise.all([startMetricsApp({ LEAK_BYTES_PER_SECOND: String(4 * MIB) }), startMetricsApp({ PORT: String(restartingPort) })]);
    prometheus = await startPrometheus(binary!, [`127.0.0.1:${leaking.port}`, `127.0.0.1:${restartingPort}`]);
    await new Promise((resolve) => setTimeout(resolve, (SCRAPE_SECONDS / 2) * 1000));
    // A restart on the same port: same instance label, new process_start_time_seconds.
    await restarting.stop();
    restartedAt = Date.now();
    restarting = await startMetricsApp({ PORT: String(restartingPort) });
    await new Promise((resolve) => setTimeout(resolve, (SCRAPE_SECONDS / 2) * 1000));
  }, 90_000);

  afterAll(async () => {
    await Promise.all([prometheus?.stop(), leaking?.stop(), restarting?.stop()]);
  });

  it('reads one memory series per instance with plausible heap values', async () => {
    const result = await queryPrometheus(prometheus.url, { since: 120, step: 1 });
    const byInstance = new Map(result.memory.map((series) => [series.instance, series]));
    expect([...byInstance.keys()].sort()).toEqual([`127.0.0.1:${leaking.port}`, `127.0.0.1:${restartingPort}`].sort());
    for (const series of result.memory) {
      expect(series.source).toBe(prometheus.url);
      expect(series.time.length).toBeGreaterThanOrEqual(SCRAPE_SECONDS - 6);
      // Samples sit on the 1-s step grid; a missed scrape (the restart) leaves a longer gap, never a shorter one.
      for (let i = 1; i < series.time.length; i++) expect((series.time[i] - series.time[i - 1]) % 1000).toBe(0);
      const heap = series.columns.heapUsed!.filter((value) => !Number.isNaN(value));
      expect(Math.min(...heap)).toBeGreaterThan(2 * MIB);
      expect(Math.max(...heap)).toBeLessThan(1024 * MIB);
      expect(series.columns.rss![series.time.length - 1]).toBeGreaterThan(series.columns.heapUsed![series.time.length - 1]);
    }
    // 4 MiB/s retained for ~14 s: the leaking instance's heap climbs by tens of MiB.
    const leak = byInstance.get(`127.0.0.1:${leaking.port}`)!.columns.heapUsed!.filter((value) => !Number.isNaN(value));
    expect(Math.max(...leak.slice(-3)) - Math.min(...leak.slice(0, 3))).toBeGreaterThan(20 * MIB);
  });

  it('marks the restart from process_start_time_seconds', async () => {
    const result = await queryPrometheus(prometheus.url, { since: 120, step: 1 });
    const restarted = result.memory.find((series) => series.instance === `127.0.0.1:${restartingPort}`)!;
    expect(restarted.restarts).toHaveLength(1);
    expect(Math.abs(restarted.restarts![0] - restartedAt)).toBeLessThan(5000);
    expect(result.memory.find((series) => series.instance === `127.0.0.1:${leaking.port}`)!.restarts).toBeUndefined();
  });

  it('reads the pg-pool-like gauges as one pool per instance', async () => {
    const result = await queryPrometheus(prometheus.url, { since: 120, step: 1 });
    expect(result.pools.map((pool) => pool.instance).sort()).toEqual([`127.0.0.1:${leaking.port}`, `127.0.0.1:${restartingPort}`].sort());
    for (const pool of result.pools) {
      expect(pool.library).toBe('pg');
      expect(pool.max!.every((value) => value === 4)).toBe(true);
      expect(Math.max(...pool.waiting!)).toBeGreaterThanOrEqual(1);
    }
  });

  it('runs a custom query, reading expression results as the column asked for', async () => {
    const result = await queryPrometheus(prometheus.url, { since: 60, step: 2, query: 'max by (instance) (process_resident_memory_bytes)', column: 'rss' });
    expect(result.queries).toEqual(['max by (instance) (process_resident_memory_bytes)']);
    expect(result.memory).toHaveLength(2);
    expect(result.memory.every((series) => series.columns.rss!.length >= 5)).toBe(true);
  });
});

describe('queryPrometheus safety and errors', () => {
  it('refuses a non-loopback server unless allowRemote', async () => {
    await expect(queryPrometheus('http://10.20.30.40:9090', { since: 60 })).rejects.toThrow(/refusing to query 10\.20\.30\.40:9090: only loopback/);
  });

  it('says when the server cannot be reached', async () => {
    const port = await freePort();
    const error = await queryPrometheus(`http://127.0.0.1:${port}`, { since: 60 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PooldocError);
    expect((error as Error).message).toMatch(new RegExp(`cannot reach Prometheus at http://127.0.0.1:${port}`));
  });
});
