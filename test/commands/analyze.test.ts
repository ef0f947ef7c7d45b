// `pooldoc analyze` end to end: the built CLI against real Node targets (CJS and ESM, Node 20 and 22) using
// real pools against the local servers; asserts on the JSON report and on /proc after the run.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listeningSockets } from '../../src/attach/sockets.js';
import type { AnalyzeResult } from '../../src/attach/analysis.js';
import { parseJson, runCli } from '../helpers/cli.js';
import { startTarget } from '../helpers/child.js';
import { requireService } from '../helpers/services.js';
import * as targets from './analyze-targets.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function target(source: string, name: string, options: { node?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChildProcess> {
  const child = await startTarget(source, { dir: targets.TARGET_DIR, name, node: options.node, nodeArgs: targets.RANDOM_INSPECTOR_PORT, env: options.env });
  children.push(child);
  return child;
}

/** Short runs keep the suite fast; 200 ms gives the pool detector its 10+ samples. */
async function analyze(pid: number, extra: string[] = [], duration = '3s'): Promise<{ code: number | null; report: AnalyzeResult; stderr: string }> {
  const result = await runCli(['analyze', String(pid), '--duration', duration, '--interval', '200ms', '--json', ...extra]);
  return { code: result.code, report: parseJson<AnalyzeResult>(result), stderr: result.stderr };
}

const poolOf = (report: AnalyzeResult, library: string) => report.pools.find((pool) => pool.library === library);

describe('analyze with real pools', () => {
  it('pg Pool that forgets release(): waiting grows, verdict saturated, secrets redacted, inspector closed (node 20, CJS)', async (context) => {
    if (!(await requireService('postgres'))) return context.skip();
    const child = await target(targets.PG_FORGETS_RELEASE, 'pg-forgets.cjs');
    const { code, report } = await analyze(child.pid!);
    const pg = poolOf(report, 'pg')!;
    expect(pg.name).toBe('pg 127.0.0.1:5432/test');
    expect(pg.counts).toMatchObject({ total: 2, idle: 0, inUse: 2, max: 2 });
    expect(pg.counts.waiting).toBeGreaterThan(5);
    expect(pg.verdict).toBe('saturated');
    expect(report.findings.map((finding) => finding.ruleId)).toContain('acquire-timeout');
    expect(report.sockets).toContainEqual(expect.objectContaining({ remote: '127.0.0.1:5432', service: 'postgresql', count: 2 }));
    expect(JSON.stringify(report)).not.toContain('hunter2-secret');
    expect(report.target).toMatchObject({ pid: child.pid, inspectorWasOpen: false, inspectorAfter: 'closed', moduleSystem: 'cjs' });
    expect(report.target.nodeVersion).toBe(process.version);
    expect(listeningSockets(child.pid!).some((socket) => socket.port === report.target.inspectorPort)).toBe(false);
    expect(code).toBe(1);
  });

  it('mysql2 pool against MariaDB: all/free/queue/limit (node 22, ESM)', async (context) => {
    if (!(await requireService('mariadb'))) return context.skip();
    const child = await target(targets.MYSQL2_HOLDS, 'mysql2-holds.mjs', { node: targets.NODE22 });
    const { report } = await analyze(child.pid!);
    const mysql = poolOf(report, 'mysql2')!;
    expect(mysql.name).toBe('mysql2 127.0.0.1:3306/test');
    expect(mysql.counts).toMatchObject({ total: 3, idle: 0, inUse: 3, max: 3 });
    expect(mysql.counts.waiting).toBeGreaterThan(5);
    expect(mysql.verdict).toBe('saturated');
    expect(report.findings.find((finding) => finding.library === 'mysql2')?.ruleId).toBe('mysql-unboundable-wait');
    expect(report.target.nodeVersion).toMatch(/^v22\./);
    expect(report.target.moduleSystem).toBe('esm-or-other');
  });

  it('ioredis: status and queues (node 22, CJS)', async (context) => {
    if (!(await requireService('redis'))) return context.skip();
    const child = await target(targets.IOREDIS_CLIENT, 'ioredis.cjs', { node: targets.NODE22 });
    const { report } = await analyze(child.pid!);
    const redis = poolOf(report, 'ioredis')!;
    expect(redis.name).toBe('ioredis 127.0.0.1:6379/0');
    expect(redis.counts.total).toBe(1);
    expect(redis.counts.waiting).toBe(0);
    expect(redis.extra?.status).toBe('ready');
    expect(report.sockets).toContainEqual(expect.objectContaining({ remote: '127.0.0.1:6379', service: 'redis' }));
  });

  it('generic-pool never released: saturated (node 20, ESM)', async () => {
    const child = await target(targets.GENERIC_POOL_LEAK, 'generic-pool.mjs');
    const { code, report } = await analyze(child.pid!);
    const pool = poolOf(report, 'generic-pool')!;
    expect(pool.counts).toMatchObject({ total: 2, inUse: 2, idle: 0, max: 2 });
    expect(pool.verdict).toBe('saturated');
    expect(code).toBe(1);
  });

  it('http.Agent with maxSockets 2 against a slow local server: sockets per host and queued requests', async () => {
    const child = await target(targets.HTTP_AGENT_QUEUE, 'http-agent.cjs');
    const { report } = await analyze(child.pid!);
    const agents = report.pools.filter((pool) => pool.library === 'http-agent');
    expect(agents.map((pool) => pool.name)).toContain('http-agent http.globalAgent');
    const custom = agents.find((pool) => /^http-agent http Agent 127\.0\.0\.1:\d+$/.test(pool.name))!;
    expect(custom.counts).toMatchObject({ inUse: 2, max: 2 });
    expect(custom.counts.waiting).toBeGreaterThan(3);
  });

  it('tarn, undici, socket.io and lru-cache in one process', async () => {
    const child = await target(targets.MANY_LIBRARIES, 'many.cjs');
    const { report } = await analyze(child.pid!);
    expect(poolOf(report, 'tarn')?.counts).toMatchObject({ total: 1, inUse: 1, idle: 0, waiting: 0, max: 4 });
    expect(poolOf(report, 'lru-cache')?.counts).toMatchObject({ total: 7, max: 100 });
    expect(poolOf(report, 'socket.io')?.counts.total).toBe(1);
    const undici = report.pools.find((pool) => pool.library === 'undici' && pool.name.includes('Pool'))!;
    expect(undici.name).toMatch(/^undici Pool http:\/\/127\.0\.0\.1:\d+$/);
    expect(undici.counts.max).toBe(3);
    expect(undici.counts.total).toBeGreaterThanOrEqual(1);
  });
});

describe('analyze outcomes', () => {
  it('a pg Pool built per request: the new instances are counted at the end and linked to pool-per-request', async (context) => {
    if (!(await requireService('postgres'))) return context.skip();
    const source = `
const { Pool } = require('pg');
const pools = [];
const handle = () => { const pool = new Pool({ host: '127.0.0.1', user: 'postgres', database: 'test', max: 2 }); pools.push(pool); return pool.query('select 1').catch(() => {}); };
handle().then(() => console.log('ready'));
setInterval(handle, 250);
`;
    const child = await target(source, 'pg-per-request.cjs');
    const { report } = await analyze(child.pid!, [], '2s');
    const sampled = report.pools.filter((pool) => pool.library === 'pg').length;
    expect(sampled).toBeGreaterThanOrEqual(1);
    expect(report.poolDiscovery!.appeared!.pg).toBeGreaterThanOrEqual(4);
    expect(report.poolDiscovery!.endPauseMs).toBeGreaterThanOrEqual(0);
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'pool-per-request', severity: 'warning', library: 'pg' }));
  });

  it('a healthy target: no leak, exit 0', async () => {
    const child = await target(targets.HEALTHY, 'healthy.cjs');
    // --gc: samples of the live heap after a full GC, so a short run does not mistake garbage for growth.
    const { code, report } = await analyze(child.pid!, ['--gc'], '5s');
    expect(report.heap.verdict).not.toBe('leak');
    expect(report.pools.every((pool) => pool.verdict !== 'saturated' && pool.verdict !== 'leaking-clients')).toBe(true);
    // One lazily created instance (its http.Agent for the first outbound request) is not a pattern.
    expect(Object.values(report.poolDiscovery!.appeared!).every((count) => count < 2)).toBe(true);
    expect(report.findings.some((finding) => finding.ruleId === 'pool-per-request')).toBe(false);
    expect(code).toBe(0);
  });

  it('a target that exits mid-run: partial report, exit 3', async () => {
    const child = await target(targets.EXITS_SOON, 'exits.cjs', { env: { EXIT_AFTER_MS: '4000' } });
    const result = await runCli(['analyze', String(child.pid), '--duration', '20s', '--interval', '200ms', '--json']);
    const report = parseJson<AnalyzeResult>(result);
    expect(result.code).toBe(3);
    expect(report.run.targetGone).toBe(true);
    expect(report.run.samples).toBeGreaterThanOrEqual(1);
    expect(result.stderr).toMatch(/exited during the run/);
  });

  it('an inspector already open stays open (--inspect), JSON says so', async () => {
    const child = await startTarget('setInterval(() => {}, 1000); console.log("ready");', { dir: targets.TARGET_DIR, name: 'open.cjs', nodeArgs: ['--inspect=127.0.0.1:0'] });
    children.push(child);
    const { report } = await analyze(child.pid!, ['--no-pools'], '1s');
    expect(report.target).toMatchObject({ inspectorWasOpen: true, inspectorAfter: 'open' });
    expect(listeningSockets(child.pid!).some((socket) => socket.port === report.target.inspectorPort)).toBe(true);
  });

  it('a target in its own network namespace: pooldoc re-runs itself inside it with nsenter (root), closes the inspector', async (context) => {
    if (process.getuid?.() !== 0) {
      // Entering another network namespace needs root; CI runs as root, so there this is a failure.
      if (process.env.CI) throw new Error('this test needs root (nsenter, unshare)');
      console.warn('SKIPPED: the network-namespace test needs root');
      return context.skip();
    }
    const file = `${targets.TARGET_DIR}netns.cjs`;
    writeFileSync(file, 'setInterval(() => {}, 1000); console.log("ready");');
    // unshare execs sh, which execs node: the child's pid is the target's. A new namespace's loopback starts down.
    const child = spawn('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec ${process.execPath} ${file}`], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    const { code, report, stderr } = await analyze(child.pid!, [], '1s');
    expect(stderr).toMatch(/in another network namespace: running again inside it \(nsenter -t \d+ -n/);
    expect(report.target).toMatchObject({ pid: child.pid, inspectorWasOpen: false, inspectorAfter: 'closed' });
    expect(report.run.samples).toBeGreaterThanOrEqual(3);
    expect(code).toBe(0);
  });

  it('a non-Node pid: exit 2, one line, and it survives', async () => {
    const sleeper = spawn('sleep', ['100']);
    children.push(sleeper);
    const result = await runCli(['analyze', String(sleeper.pid)]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/not a Node process/);
    expect(sleeper.exitCode).toBeNull();
    expect(() => process.kill(sleeper.pid!, 0)).not.toThrow();
  });
});

describe('analyze --snapshot and --allocations', () => {
  it('streams a 0600 snapshot, attributes memory to the pool, lists collections and allocation sites', async () => {
    const source = `
const genericPool = require('generic-pool');
let id = 0;
const pool = genericPool.createPool({ create: async () => ({ id: ++id, buffer: Buffer.alloc(1000) }), destroy: async () => {} }, { max: 3 });
const held = [];
const cache = new Map();
setInterval(() => { pool.acquire().then((r) => held.push(r)); for (let i = 0; i < 50; i++) cache.set(cache.size, { payload: 'p'.repeat(200) + cache.size }); }, 100);
console.log('ready');
`;
    const child = await target(source, 'snapshot-target.cjs');
    const file = `${targets.TARGET_DIR}snap-${child.pid}.heapsnapshot`;
    const { report } = await analyze(child.pid!, ['--snapshot', '--snapshot-file', file, '--allocations'], '2s');
    const { statSync, rmSync } = await import('node:fs');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file).size).toBe(report.snapshot!.bytes);
    const pool = report.snapshot!.pools.find((entry) => entry.library === 'generic-pool')!;
    expect(pool.className).toBe('Pool');
    expect(pool.retainedSize).toBeGreaterThan(0);
    expect(pool.path).toMatch(/pool/);
    const cache = report.snapshot!.collections.find((collection) => collection.kind === 'Map' && collection.path.includes('cache'))!;
    expect(cache.entries).toBeGreaterThan(500);
    expect(report.allocations!.totalLiveBytes).toBeGreaterThan(0);
    expect(report.allocations!.packages.length).toBeGreaterThan(0);
    rmSync(file, { force: true });
  });
});
