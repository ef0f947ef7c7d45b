// Prometheus text exposition: real prom-client scrapes (one per file, concatenated), OTel/Datadog names, pools.
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeries } from '../../src/series/index.js';
import { tempDir } from '../helpers/child.js';
import { startMetricsApp, type MetricsApp } from './metrics-app.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/metrics/', import.meta.url));
const temp = tempDir('pooldoc-promtext-');
const SCRAPES = 4;
let app: MetricsApp;
let scrapes: { body: string; time: number }[];

beforeAll(async () => {
  app = await startMetricsApp({ LEAK_BYTES_PER_SECOND: String(2 * 1024 * 1024) });
  scrapes = [];
  for (let i = 0; i < SCRAPES; i++) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    scrapes.push({ body: await (await fetch(app.url)).text(), time: Date.now() });
  }
});
afterAll(async () => {
  await app?.stop();
  temp.cleanup();
});

describe('real prom-client scrapes', () => {
  it('joins one scrape per file into one series, timed by each file mtime', async () => {
    const files = scrapes.map((scrape, index) => {
      const file = path.join(temp.dir, `scrape-${index}.prom`);
      writeFileSync(file, scrape.body);
      utimesSync(file, scrape.time / 1000, scrape.time / 1000);
      return file;
    });
    const result = await readSeries(files);
    expect(result.files.every((file) => file.format === 'prometheus-text')).toBe(true);
    expect(result.unparsedLines).toBe(0);
    expect(result.memory).toHaveLength(1);
    const [series] = result.memory;
    expect(series.time).toHaveLength(SCRAPES);
    expect(series.timeAnchor).toBe('file-mtime');
    expect(Object.keys(series.columns).sort()).toEqual(['external', 'heapTotal', 'heapUsed', 'rss']);
    expect(series.columns.heapUsed![0]).toBeGreaterThan(1024 * 1024);
    expect(series.processStart![0]).toBe(series.processStart![SCRAPES - 1]);
    expect(series.restarts).toBeUndefined();
    const [pool] = result.pools;
    expect(pool).toMatchObject({ name: 'pg 127.0.0.1:5432 test', library: 'pg' });
    expect([...pool.max!]).toEqual([4, 4, 4, 4]);
    expect(Math.max(...pool.waiting!)).toBeGreaterThanOrEqual(1);
    expect(pool.inUse![0] + pool.idle![0]).toBeLessThanOrEqual(4);
  });

  it('reads concatenated scrapes separated by "# time:" lines, and refuses to guess untimed repeats', async () => {
    const file = path.join(temp.dir, 'concatenated.prom');
    writeFileSync(file, scrapes.map((scrape) => `# time: ${new Date(scrape.time).toISOString()}\n${scrape.body}`).join('\n'));
    const [series] = (await readSeries([file])).memory;
    expect([...series.time]).toEqual(scrapes.map((scrape) => scrape.time));
    expect(series.timeAnchor).toBe('absolute');
    const untimed = path.join(temp.dir, 'untimed.prom');
    writeFileSync(untimed, scrapes[0].body + scrapes[1].body);
    const result = await readSeries([untimed]);
    expect(result.memory[0].time).toHaveLength(1);
    expect(result.unparsedLines).toBe(scrapes[1].body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length);
    expect(result.problems[0].message).toMatch(/another scrape without timestamps/);
  });

  it('reads sample timestamps and marks a restart when process_start_time_seconds changes', async () => {
    const file = path.join(temp.dir, 'timestamps.prom');
    const lines: string[] = [];
    for (let i = 0; i < 6; i++) {
      const at = 1714557600000 + i * 15000;
      const start = i < 4 ? 1714550000 : 1714557640;
      lines.push(`process_start_time_seconds ${start} ${at}`, `nodejs_heap_size_used_bytes ${(i < 4 ? 50 + i : 20) * 1e6} ${at}`);
    }
    lines.push('this line is broken {', 'nodejs_heap_size_used_bytes{instance="b"} NaN 1714557600000');
    writeFileSync(file, lines.join('\n'));
    const result = await readSeries([file]);
    expect(result.problems.map((problem) => problem.line)).toEqual([13]);
    const [series] = result.memory;
    expect(series.time).toHaveLength(6);
    expect(series.restarts).toEqual([1714557600000 + 4 * 15000]);
  });
});

describe('other exporters written as Prometheus text', () => {
  it('sums OpenTelemetry per-space heap gauges and reads OTel pool counts by state', async () => {
    const result = await readSeries([path.join(FIXTURES, 'otel-runtime.prom')]);
    const [series] = result.memory;
    expect(series.instance).toBe('api-7f9c');
    expect([...series.columns.heapUsed!]).toEqual([1000 + 20000 + 300, 1100 + 21000 + 300]);
    const [pool] = result.pools;
    expect(pool.name).toBe('otel orders-db');
    expect([...pool.inUse!]).toEqual([10, 10]);
    expect([...pool.idle!]).toEqual([0, 0]);
    expect([...pool.waiting!]).toEqual([3, 7]);
    expect([...pool.max!]).toEqual([10, 10]);
  });

  it('reads Datadog runtime names, HikariCP and a --metric mapped custom name', async () => {
    const file = path.join(temp.dir, 'mixed.prom');
    writeFileSync(
      file,
      [
        'runtime_node_mem_heap_used{instance="h1"} 5000 1714557600000',
        'runtime.node.heap.heap_size_limit{instance="h1"} 90000 1714557600000',
        'hikaricp_pending_threads{pool="HikariPool-1",instance="h1"} 2 1714557600000',
        'myapp_js_heap{instance="h1"} 42 1714557600000',
      ].join('\n'),
    );
    const plain = await readSeries([file]);
    expect(plain.memory[0].columns).toMatchObject({ heapUsed: Float64Array.of(5000), heapLimit: Float64Array.of(90000) });
    expect(plain.pools[0]).toMatchObject({ library: 'hikaricp', waiting: Float64Array.of(2) });
    const mapped = await readSeries([file], { metricMap: { myapp_js_heap: 'heapTotal' } });
    expect(mapped.memory[0].columns.heapTotal![0]).toBe(42);
  });

  it('reads the shared prom-client sample', async () => {
    const [series] = (await readSeries([path.join(FIXTURES, 'prom20.txt')])).memory;
    expect(series.columns).toMatchObject({ heapUsed: Float64Array.of(29195552), rss: Float64Array.of(94924800), heapTotal: Float64Array.of(60166144) });
    expect(series.processStart![0]).toBe(1795283872000);
  });
});
