// NDJSON / JSON samples: real process.memoryUsage() + v8.getHeapStatistics() dumps, aliases, pools, edge cases.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readSeries } from '../../src/series/index.js';
import { runScript, tempDir } from '../helpers/child.js';
import { requireService } from '../helpers/services.js';

const temp = tempDir('pooldoc-ndjson-');
afterAll(() => temp.cleanup());

/** A child that leaks and logs one sample per tick in the shape chosen by `shape`. */
function samplerScript(shape: 'flat' | 'nested' | 'array'): string {
  return `
    const v8 = require('node:v8');
    const kept = [];
    const lines = [];
    for (let tick = 0; tick < 30; tick++) {
      for (let i = 0; i < 20000; i++) kept.push('leak-' + tick + '-' + i);
      const memory = process.memoryUsage();
      const heap = v8.getHeapStatistics();
      const now = Date.now() + tick * 1000;
      let line;
      if (${JSON.stringify(shape)} === 'flat') line = { ts: new Date(now).toISOString(), pid: process.pid, ...memory, ...heap };
      else if (${JSON.stringify(shape)} === 'nested') line = { time: tick % 2 ? now : now / 1000, memory, heap };
      else line = { timestamp: now, heap_used: memory.heapUsed, rss: memory.rss, heap_size_limit: heap.heap_size_limit };
      lines.push(JSON.stringify(line));
    }
    process.stdout.write(${JSON.stringify(shape)} === 'array' ? '[\\n' + lines.join(',\\n') + '\\n]\\n' : lines.join('\\n') + '\\n');
  `;
}

async function makeSamples(shape: 'flat' | 'nested' | 'array'): Promise<string> {
  const stdout = await runScript(samplerScript(shape), { dir: temp.dir, name: `${shape}.cjs` });
  const file = path.join(temp.dir, `${shape}.${shape === 'array' ? 'json' : 'ndjson'}`);
  writeFileSync(file, stdout);
  return file;
}

describe('NDJSON of process.memoryUsage() and v8.getHeapStatistics() made by a child process', () => {
  let flat: string;
  let nested: string;
  let array: string;
  beforeAll(async () => {
    [flat, nested, array] = await Promise.all([makeSamples('flat'), makeSamples('nested'), makeSamples('array')]);
  });

  it('maps every memoryUsage and heap-statistics field, keyed by pid, ISO times', async () => {
    const result = await readSeries([flat]);
    expect(result.files[0].format).toBe('ndjson');
    expect(result.unparsedLines).toBe(0);
    expect(result.memory).toHaveLength(1);
    const [series] = result.memory;
    expect(series.instance).toMatch(/^pid \d+$/);
    expect(series.time).toHaveLength(30);
    expect(Object.keys(series.columns).sort()).toEqual(['arrayBuffers', 'external', 'heapLimit', 'heapTotal', 'heapUsed', 'rss']);
    expect(series.time[29] - series.time[0]).toBeGreaterThanOrEqual(29_000);
    const heapUsed = series.columns.heapUsed!;
    // used_heap_size follows heapUsed on the same line (last alias wins); both are the leaking heap.
    expect(heapUsed[29]).toBeGreaterThan(heapUsed[0] + 5 * 1024 * 1024);
    expect(series.columns.heapLimit![0]).toBeGreaterThan(100 * 1024 * 1024);
  });

  it('reads nested objects and mixed epoch seconds / milliseconds', async () => {
    const [series] = (await readSeries([nested])).memory;
    expect(series.time).toHaveLength(30);
    for (let i = 1; i < 30; i++) expect(series.time[i] - series.time[i - 1]).toBeGreaterThan(900);
    expect(series.columns.rss![0]).toBeGreaterThan(10 * 1024 * 1024);
    expect(series.columns.heapLimit).toBeDefined();
  });

  it('reads a JSON array written one element per line as a stream', async () => {
    const result = await readSeries([array]);
    expect(result.files[0].format).toBe('ndjson');
    expect(result.memory[0].time).toHaveLength(30);
    expect(result.memory[0].columns.heapUsed![0]).toBeGreaterThan(0);
  });
});

describe('NDJSON edge cases', () => {
  it('counts garbage and incomplete lines with their line numbers and keeps the rest', async () => {
    const file = path.join(temp.dir, 'garbage.ndjson');
    writeFileSync(
      file,
      [
        '{"ts":"2024-05-01T10:00:00Z","heapUsed":100,"rss":1000}',
        'Error: something unrelated',
        '{"ts":"2024-05-01T10:00:01Z","heapUsed":110,"note":"with \\"escapes\\""}',
        '',
        '{"heapUsed":120}',
        '{"ts":"2024-05-01T10:00:03Z","label":"no numbers"}',
        '{"ts":"2024-05-01T10:00:04Z","heapUsed":130',
        '{"ts":"2024-05-01T10:00:05.250+02:00","heapUsed":140}',
      ].join('\n'),
    );
    const result = await readSeries([file]);
    expect(result.unparsedLines).toBe(4);
    expect(result.problems.map((problem) => problem.line)).toEqual([2, 5, 6, 7]);
    expect(result.problems[1].message).toMatch(/timestamp/);
    expect(result.problems[2].message).toMatch(/no memory or pool field/);
    expect(result.problems[3].message).toMatch(/invalid JSON/);
    const [series] = result.memory;
    expect([...series.columns.heapUsed!]).toEqual([140, 100, 110]);
    expect(series.time[0]).toBe(Date.UTC(2024, 4, 1, 8, 0, 5, 250));
  });

  it('reads pool counters in the documented shapes, with aliases', async () => {
    const file = path.join(temp.dir, 'pools.ndjson');
    const lines = [];
    for (let i = 0; i < 5; i++) {
      lines.push(JSON.stringify({ ts: 1714557600000 + i * 1000, heapUsed: 1e6, pools: { main: { totalCount: 10, idleCount: 0, waitingCount: i, max: 10 }, cache: { size: 4, available: 2, borrowed: 2, pending: 0 } } }));
      lines.push(JSON.stringify({ t: 1714557600.5 + i, pool_in_use: 3, pool_waiting: 1 }));
    }
    writeFileSync(file, lines.join('\n'));
    const result = await readSeries([file]);
    expect(result.unparsedLines).toBe(0);
    const byName = new Map(result.pools.map((pool) => [pool.name, pool]));
    expect([...byName.keys()].sort()).toEqual(['cache', 'main', 'pool']);
    expect([...byName.get('main')!.waiting!]).toEqual([0, 1, 2, 3, 4]);
    expect(byName.get('main')!.max![0]).toBe(10);
    expect(byName.get('cache')).toMatchObject({ total: new Float64Array([4, 4, 4, 4, 4]), inUse: new Float64Array([2, 2, 2, 2, 2]) });
    expect(byName.get('pool')!.time[0]).toBe(1714557600500);
    // Memory rows come only from lines that had memory fields.
    expect(result.memory[0].time).toHaveLength(5);
  });

  it('marks restarts from a pid change under one instance, or an uptime that goes back', async () => {
    const file = path.join(temp.dir, 'restart.ndjson');
    const rows = [
      { ts: 1000e3, instance: 'api-1', pid: 10, heapUsed: 5, uptime: 100 },
      { ts: 1001e3, instance: 'api-1', pid: 10, heapUsed: 6, uptime: 101 },
      { ts: 1002e3, instance: 'api-1', pid: 11, heapUsed: 1, uptime: 1 },
      { ts: 1003e3, instance: 'api-2', pid: 12, heapUsed: 9, uptime: 50 },
      { ts: 1004e3, instance: 'api-2', pid: 12, heapUsed: 2, uptime: 2 },
    ];
    writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n'));
    const result = await readSeries([file]);
    const byInstance = new Map(result.memory.map((series) => [series.instance, series]));
    expect(byInstance.get('api-1')!.restarts).toEqual([1002e6]);
    expect(byInstance.get('api-2')!.restarts).toEqual([1004e6]);
  });

  it('applies a metric map to custom field names', async () => {
    const file = path.join(temp.dir, 'custom.ndjson');
    writeFileSync(file, '{"when_ms":1714557600000,"jsHeap":5,"dbWait":2}\n{"when_ms":1714557601000,"jsHeap":6,"dbWait":3}\n');
    await expect(readSeries([file])).rejects.toThrow(/no samples found/);
    const result = await readSeries([file], { metricMap: { when_ms: 'time', jsHeap: 'heapUsed', dbWait: 'pool.db.waiting' } });
    expect([...result.memory[0].columns.heapUsed!]).toEqual([5, 6]);
    expect([...result.pools[0].waiting!]).toEqual([2, 3]);
    await expect(readSeries([file], { metricMap: { jsHeap: 'heapy' } })).rejects.toThrow(/unknown target "heapy"/);
  });

  it('reads a pretty-printed JSON document and names the line where a truncated one ends', async () => {
    const good = path.join(temp.dir, 'doc.json');
    const samples = [1, 2, 3].map((i) => ({ timestamp: `2024-05-01T10:00:0${i}Z`, memory: { heapUsed: i * 10 } }));
    writeFileSync(good, JSON.stringify({ samples }, null, 2));
    const result = await readSeries([good]);
    expect(result.files[0].format).toBe('json');
    expect([...result.memory[0].columns.heapUsed!]).toEqual([10, 20, 30]);
    const truncated = path.join(temp.dir, 'truncated.json');
    const text = JSON.stringify(samples, null, 2);
    writeFileSync(truncated, text.slice(0, text.length - 40));
    const error = await readSeries([truncated]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/truncated\.json:\d+:\d+: JSON ends early/);
  });

  it('refuses empty, binary and missing files with the file named', async () => {
    const empty = path.join(temp.dir, 'empty.ndjson');
    writeFileSync(empty, '  \n');
    await expect(readSeries([empty])).rejects.toThrow(/empty\.ndjson: empty file/);
    const binary = path.join(temp.dir, 'data.bin');
    writeFileSync(binary, Buffer.from([0x7b, 0x22, 0x00, 0x01, 0x02]));
    await expect(readSeries([binary])).rejects.toThrow(/data\.bin \(byte 2\): binary data/);
    await expect(readSeries([path.join(temp.dir, 'missing.ndjson')])).rejects.toThrow(/missing\.ndjson: no such file/);
  });
});

describe('NDJSON pool counters of a real pg pool', () => {
  it('logs pg-pool totalCount/idleCount/waitingCount under load and reads them back', async () => {
    if (!(await requireService('postgres'))) return;
    const script = `
      const { Pool } = require(${JSON.stringify(require.resolve('pg'))});
      const pool = new Pool({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', max: 3 });
      const lines = [];
      const sample = () => lines.push(JSON.stringify({ ts: new Date().toISOString(), ...process.memoryUsage(), pools: { pg: { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount, max: 3 } } }));
      const timer = setInterval(sample, 20);
      Promise.all(Array.from({ length: 12 }, () => pool.query('select pg_sleep(0.1)'))).then(async () => {
        sample(); clearInterval(timer); await pool.end(); process.stdout.write(lines.join('\\n') + '\\n');
      });
    `;
    const stdout = await runScript(script, { dir: temp.dir, name: 'pg-sampler.cjs' });
    const file = path.join(temp.dir, 'pg.ndjson');
    writeFileSync(file, stdout);
    const result = await readSeries([file]);
    const [pool] = result.pools;
    expect(pool.name).toBe('pg');
    expect(Math.max(...pool.waiting!)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...pool.total!)).toBe(3);
    expect(pool.time.length).toBe(result.memory[0].time.length);
  });
});
