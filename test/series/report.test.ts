// Diagnostic reports written by real processes (Node 20 and 22): heap, limit, RSS, sockets by endpoint, joining.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readSeries } from '../../src/series/index.js';
import { runScript, tempDir } from '../helpers/child.js';
import { isReachable, SERVICES } from '../helpers/services.js';
import { NODE22, requireNode20 } from './gc-logs.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/metrics/', import.meta.url));
const temp = tempDir('pooldoc-report-');
afterAll(() => temp.cleanup());

/**
 * Opens 3 sockets to a local HTTP server and, when reachable, 2 to PostgreSQL and 1 to Redis (plain TCP:
 * the report sees sockets, not protocols), then leaks and writes `count` reports with the default names.
 */
function reportScript(count: number, dir: string, services: { postgres: boolean; redis: boolean }): string {
  return `
    const net = require('node:net');
    const http = require('node:http');
    const kept = [];
    const server = http.createServer(() => {}).listen(0, '127.0.0.1', async () => {
      const connect = (port) => new Promise((resolve, reject) => { const s = net.connect(port, '127.0.0.1', () => resolve(s)); s.on('error', reject); });
      const sockets = [];
      for (let i = 0; i < 3; i++) sockets.push(await connect(server.address().port));
      if (${services.postgres}) for (let i = 0; i < 2; i++) sockets.push(await connect(${SERVICES.postgres.port}));
      if (${services.redis}) sockets.push(await connect(${SERVICES.redis.port}));
      process.report.directory = ${JSON.stringify(dir)};
      for (let n = 0; n < ${count}; n++) {
        for (let i = 0; i < 50000; i++) kept.push('leak-' + n + '-' + i);
        process.report.writeReport();
        await new Promise((resolve) => setTimeout(resolve, 1100));
      }
      for (const s of sockets) s.destroy();
      server.close();
    });
  `;
}

describe.each([
  ['Node 20', () => requireNode20()],
  ['Node 22', () => NODE22],
] as const)('diagnostic reports written by %s', (label, node) => {
  let files: string[];
  let services: { postgres: boolean; redis: boolean };
  beforeAll(async () => {
    services = { postgres: await isReachable('127.0.0.1', SERVICES.postgres.port), redis: await isReachable('127.0.0.1', SERVICES.redis.port) };
    if (!services.postgres || !services.redis) console.warn(`\n!!! ${label} report test: postgres/redis not reachable, socket grouping checked on HTTP sockets only\n`);
    const dir = path.join(temp.dir, label.replace(' ', ''));
    mkdirSync(dir, { recursive: true });
    await runScript(reportScript(3, dir, services), { dir: temp.dir, name: `reports-${label.replace(' ', '')}.cjs`, node: node() });
    files = readdirSync(dir).filter((name) => name.startsWith('report.')).sort().map((name) => path.join(dir, name));
  });

  it('joins the reports of one pid into one series with heap, limit and RSS', async () => {
    expect(files).toHaveLength(3);
    const result = await readSeries(files);
    expect(result.files.every((file) => file.format === 'report')).toBe(true);
    expect(result.memory).toHaveLength(1);
    const [series] = result.memory;
    expect(series.instance).toMatch(/^pid \d+$/);
    expect(series.time).toHaveLength(3);
    expect(series.time[2] - series.time[0]).toBeGreaterThanOrEqual(2000);
    expect(Object.keys(series.columns).sort()).toEqual(['external', 'heapLimit', 'heapTotal', 'heapUsed', 'rss']);
    const heapUsed = series.columns.heapUsed!;
    expect(heapUsed[2]).toBeGreaterThan(heapUsed[0]);
    expect(series.columns.heapLimit![0]).toBeGreaterThan(heapUsed[2]);
    expect(series.columns.rss![0]).toBeGreaterThan(heapUsed[0]);
  });

  it('groups connected TCP handles by remote endpoint with the service of known ports', async () => {
    const result = await readSeries([files[0]]);
    const byService = new Map(result.sockets.map((group) => [group.service ?? group.remote, group]));
    if (services.postgres) expect(byService.get('postgresql')).toMatchObject({ remote: '127.0.0.1:5432', count: 2 });
    if (services.redis) expect(byService.get('redis')).toMatchObject({ remote: '127.0.0.1:6379', count: 1 });
    // Three client sockets to one server port: one group of 3 (the accepted ends have ephemeral remotes).
    const clientGroup = result.sockets.find((group) => group.count === 3);
    expect(clientGroup).toBeDefined();
    expect(clientGroup!.instance).toBe(result.memory[0].instance);
    expect(clientGroup!.time).toBe(result.memory[0].time[0]);
  });

  it('names the file and line of a truncated report', async () => {
    const truncated = path.join(temp.dir, `report.truncated.${label.replace(' ', '')}.json`);
    const text = readFileSync(files[0], 'utf8');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    const error = await readSeries([files[1], truncated]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(new RegExp(`${path.basename(truncated).replace(/\./g, '\\.')}:\\d+:\\d+: JSON ends early`));
  });
});

describe('trimmed report sample', () => {
  it('reads the shared Node 22 sample (libuvTcp, no header) with the mtime as time', async () => {
    const result = await readSeries([path.join(FIXTURES, 'report-trimmed-node22.json')]);
    expect(result.memory[0].columns.heapUsed![0]).toBe(4834672);
    expect(result.memory[0].columns.heapLimit![0]).toBe(4345298944);
    expect(result.memory[0].timeAnchor).toBe('file-mtime');
    expect(result.sockets.map((group) => [group.remote, group.count])).toEqual([['127.0.0.1:40310', 1], ['127.0.0.1:42497', 1]]);
  });
});
