// The way in, as a user or a CI system takes it: `npm ci` from the lockfile, and the packed tarball installed with
// npm into an empty folder, whose `pooldoc` runs every command on real inputs.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, parseJson, type CliResult } from './helpers/cli.js';
import { runScript, startTarget, tempDir } from './helpers/child.js';

/** The environment without the npm_* variables of an enclosing `npm test`: the child npm reads its own config. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
  return { ...env, ...extra };
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

describe('package-lock.json', () => {
  const scratch = tempDir('pooldoc-lock-');
  afterAll(scratch.cleanup);

  it('satisfies `npm ci` (every platform\'s optional bindings are recorded)', () => {
    // npm's own check, in a folder holding only the manifest and the lockfile: --dry-run stops before any download
    // and --offline keeps it from the registry, yet npm ci still rejects a lockfile out of step ("Missing: … from lock file").
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(REPO_ROOT, file), path.join(scratch.dir, file));
    const output = npm(['ci', '--dry-run', '--ignore-scripts', '--offline'], scratch.dir);
    expect(output).toMatch(/added \d+ packages/);
  });
});

describe('bin/run.js before a build', () => {
  const scratch = tempDir('pooldoc-unbuilt-');
  afterAll(scratch.cleanup);

  it('says in one line how to build, exit 2, whatever the command', () => {
    cpSync(path.join(REPO_ROOT, 'bin'), path.join(scratch.dir, 'bin'), { recursive: true });
    copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(scratch.dir, 'package.json'));
    for (const args of [[], ['--help'], ['heap', 'missing.heapsnapshot']]) {
      const run = spawnSync(process.execPath, [path.join(scratch.dir, 'bin/run.js'), ...args], { cwd: scratch.dir, encoding: 'utf8' });
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 2, stdout: '', stderr: 'pooldoc is not built: run `npm run build`\n' });
    }
  });
});

describe('the packed package, installed with npm into an empty folder', () => {
  const work = tempDir('pooldoc-pack-');
  const checkout = path.join(work.dir, 'checkout');
  const app = path.join(work.dir, 'app');
  let packed: string[] = [];
  let bin = '';
  const children: ChildProcess[] = [];

  /** Runs the installed `pooldoc` (its own shebang and bin link, as a user would), from the app folder. */
  function pooldoc(args: string[], cwd = app): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(bin, args, { cwd, env: cleanEnv({ NO_COLOR: '1' }), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  beforeAll(() => {
    // A copy of the working tree without its build: git's own list (tracked, and untracked but not ignored) leaves
    // out dist/, oclif.manifest.json and node_modules, so `npm pack` must build (prepack) and nothing stale slips in.
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
    for (const file of listed.split('\0').filter(Boolean)) {
      if (!existsSync(path.join(REPO_ROOT, file))) continue; // deleted in the working tree, not yet committed
      mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
      cpSync(path.join(REPO_ROOT, file), path.join(checkout, file));
    }
    // The build needs the dev dependencies (tsc); the repository's are the ones the lockfile pins.
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
    const [result] = JSON.parse(npm(['pack', '--json', '--pack-destination', work.dir], checkout)) as { filename: string; files: { path: string }[] }[];
    packed = result.files.map((file) => file.path).sort();
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    // Its dependencies come from the registry, as for any user: the tarball must declare all it needs.
    npm(['install', path.join(work.dir, result.filename)], app);
    bin = path.join(app, 'node_modules/.bin/pooldoc');
  }, 300_000);
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    work.cleanup();
  });

  it('holds the built CLI, its manifest and licence, and no sources, tests or source maps', () => {
    for (const file of ['bin/run.js', 'dist/src/huge-pages.js', 'oclif.manifest.json', 'LICENSE', 'README.md', 'package.json']) expect(packed).toContain(file);
    for (const id of ['analyze', 'audit', 'diff', 'heap', 'trend']) expect(packed).toContain(`dist/commands/${id}.js`);
    const unwanted = packed.filter((file) => /^(src|commands|test|fixtures|bench|scripts)\/|\.ts$|\.map$|^bin\/dev\.js$/.test(file));
    expect(unwanted).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(app, 'node_modules/pooldoc/package.json'), 'utf8'));
    expect(manifest).toMatchObject({ license: 'MIT', repository: { url: expect.stringMatching(/github\.com/) }, homepage: expect.any(String), bugs: { url: expect.any(String) } });
  });

  it('--help lists the five commands', async () => {
    const result = await pooldoc(['--help']);
    expect(result.code).toBe(0);
    for (const id of ['analyze', 'audit', 'diff', 'heap', 'trend']) expect(result.stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
  });

  it('heap and diff read snapshots the test takes: the cache Map and its growth, by path', async () => {
    // One child writes both snapshots: 20 000 entries, then 40 000.
    await runScript(
      `const v8 = require('node:v8');
globalThis.__cache = new Map();
for (let i = 0; i < 20000; i++) __cache.set('k' + i, { i });
v8.writeHeapSnapshot('a.heapsnapshot');
for (let i = 20000; i < 40000; i++) __cache.set('k' + i, { i });
v8.writeHeapSnapshot('b.heapsnapshot');`,
      { dir: work.dir, name: 'snapshots.cjs' },
    );
    const heap = await pooldoc(['heap', path.join(work.dir, 'a.heapsnapshot'), '--json']);
    expect(heap.code).toBe(0);
    const summary = parseJson<{ nodeCount: number; collections: { kind: string; path: string; entries: number }[] }>(heap);
    expect(summary.nodeCount).toBeGreaterThan(10_000);
    expect(summary.collections).toContainEqual(expect.objectContaining({ kind: 'Map', path: 'global.__cache', entries: 20_000 }));

    const diff = await pooldoc(['diff', path.join(work.dir, 'a.heapsnapshot'), path.join(work.dir, 'b.heapsnapshot'), '--json']);
    expect(diff.code).toBe(0); // two snapshots never give a verdict (a third tells a trend from noise)
    const grown = parseJson<{ growing: { path: string; entries: number[]; monotonic: boolean }[] }>(diff).growing.find((entry) => entry.path === 'global.__cache');
    expect(grown).toMatchObject({ entries: [20_000, 40_000], monotonic: true });
  });

  it('trend reads a --trace-gc log the test records: every GC line becomes a sample', async () => {
    const log = await runScript('const keep = []; for (let round = 0; round < 60; round++) keep.push(new Array(20000).fill(round).map(String));', { dir: work.dir, name: 'gc.cjs', nodeArgs: ['--trace-gc'] });
    const gcLines = log.split('\n').filter((line) => / ms: (Scavenge|Mark-Compact|Mark-sweep)/i.test(line)).length;
    expect(gcLines).toBeGreaterThan(3);
    writeFileSync(path.join(work.dir, 'gc.log'), log);
    const trend = await pooldoc(['trend', path.join(work.dir, 'gc.log'), '--json']);
    expect(trend.code).toBe(0);
    const result = parseJson<{ files: { format: string }[]; series: { samples: number }[]; unparsedLines: number }>(trend);
    expect(result.files).toEqual([expect.objectContaining({ format: 'trace-gc' })]);
    expect(result.series[0].samples).toBe(gcLines);
    expect(result.unparsedLines).toBe(0);
  });

  it('audit finds the pg pool of 500 over the server\'s connection budget in a project the test writes', async () => {
    const project = path.join(work.dir, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "svc", "version": "1.0.0", "dependencies": { "pg": "^8.11.0" } }\n');
    writeFileSync(path.join(project, 'db.js'), "const { Pool } = require('pg');\nconst pool = new Pool({ max: 500 });\nmodule.exports = pool;\n");
    const audit = await pooldoc(['audit', '--json'], project);
    expect(audit.code).toBe(1);
    const { findings } = parseJson<{ findings: { ruleId: string; file: string; line: number; data: Record<string, unknown> }[] }>(audit);
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'fleet-db-budget', file: 'db.js', line: 2, data: expect.objectContaining({ perProcess: 500 }) }));
  });

  it('analyze attaches to a live Node process for 3 s and leaves its inspector closed', async () => {
    // --inspect-port=0: activation opens an ephemeral port, so the test does not need 9229 free.
    const target = await startTarget("const held = []; setInterval(() => held.push(new Array(1000).fill('x')), 20); console.log('ready');", { dir: work.dir, name: 'target.cjs', nodeArgs: ['--inspect-port=0'] });
    children.push(target);
    const analyze = await pooldoc(['analyze', String(target.pid), '--duration', '3s', '--interval', '200ms', '--json']);
    const report = parseJson<{ target: { pid: number; inspectorWasOpen: boolean; inspectorAfter: string }; run: { samples: number; targetGone: boolean } }>(analyze);
    expect(report.target).toMatchObject({ pid: target.pid, inspectorWasOpen: false, inspectorAfter: 'closed' });
    expect(report.run.samples).toBeGreaterThanOrEqual(10);
    expect(report.run.targetGone).toBe(false);
    expect([0, 1]).toContain(analyze.code);
  });
});
