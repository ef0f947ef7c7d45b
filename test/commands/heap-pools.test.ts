// `pooldoc heap` shows the pools it finds in a snapshot: a real pg Pool holding real PostgreSQL connections and a
// generic-pool, with the connections each dominates and its owner path (the attribution `analyze --snapshot` uses).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';
import { runScript } from '../helpers/child.js';
import { requireService } from '../helpers/services.js';
import { TARGET_DIR } from './analyze-targets.js';
import type { HeapSummaryResult } from '../../src/report/heap-result.js';

const HELD_CLIENTS = 2;
const SCRIPT = `
const { Pool } = require('pg');
const genericPool = require('generic-pool');
const v8 = require('node:v8');
globalThis.__db = new Pool({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', max: 4 });
globalThis.__workers = genericPool.createPool({ create: async () => ({ worker: true }), destroy: async () => {} }, { max: 3, min: 0 });
(async () => {
  // Checked out and forgotten (no release, no other reference): the leak pooldoc should show.
  for (let i = 0; i < ${HELD_CLIENTS}; i++) await globalThis.__db.connect();
  await globalThis.__workers.acquire();
  const file = v8.writeHeapSnapshot(require('node:path').join(__dirname, 'heap-pools.heapsnapshot'));
  console.log(file);
  for (const client of globalThis.__db._clients) client.release();
  await globalThis.__db.end();
  await globalThis.__workers.drain();
  await globalThis.__workers.clear();
})();
`;

describe('pooldoc heap: pools in the heap', () => {
  const snapshot = path.join(TARGET_DIR, 'heap-pools.heapsnapshot');
  afterAll(() => process.env.KEEP_SNAP ? undefined : rmSync(snapshot, { force: true }));

  it('finds the pg Pool with its connections and the generic-pool, with owner paths', async () => {
    if (!(await requireService('postgres'))) return;
    await runScript(SCRIPT, { dir: TARGET_DIR, name: 'heap-pools.cjs', timeoutMs: 60_000 });
    const result = await runCli(['heap', snapshot, '--json']);
    expect(result.code).toBe(0);
    const summary = parseJson<HeapSummaryResult>(result);
    const pg = summary.pools.find((pool) => pool.library === 'pg');
    expect(pg).toBeDefined();
    expect(pg!.path).toContain('__db');
    expect(pg!.connections).toBeGreaterThanOrEqual(HELD_CLIENTS);
    expect(pg!.retainedSize).toBeGreaterThan(0);
    const generic = summary.pools.find((pool) => pool.library === 'generic-pool');
    expect(generic?.path).toContain('__workers');
  });

  it('finds an undici Pool (symbol-keyed state) with the Client connections it holds', async () => {
    const file = path.join(TARGET_DIR, 'undici-pool.heapsnapshot');
    const source = `
const http = require('node:http');
const { Pool } = require('undici');
const server = http.createServer((request, response) => setTimeout(() => response.end('ok'), 50)).listen(0, '127.0.0.1', async () => {
  globalThis.__api = new Pool('http://127.0.0.1:' + server.address().port, { connections: 3 });
  // Three requests at once open three keep-alive connections, which stay in the pool afterwards.
  await Promise.all([0, 1, 2].map(() => globalThis.__api.request({ path: '/', method: 'GET' }).then((r) => r.body.text())));
  console.log(require('node:v8').writeHeapSnapshot(${JSON.stringify(file)}));
  await globalThis.__api.close();
  server.close();
});
`;
    await runScript(source, { dir: TARGET_DIR, name: 'undici-pool.cjs', timeoutMs: 60_000 });
    const result = await runCli(['heap', file, '--json']);
    rmSync(file, { force: true });
    const undici = parseJson<HeapSummaryResult>(result).pools.find((pool) => pool.library === 'undici');
    expect(undici).toMatchObject({ className: 'Pool', connections: 3 });
    expect(undici!.path).toContain('__api');
  });
});
