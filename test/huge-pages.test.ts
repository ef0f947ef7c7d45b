// The relaunch with huge pages: when it happens (big snapshot files, Linux with THP on request, glibc 2.35+), and
// that the relaunched CLI gives the same output and exit codes.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HUGE_PAGES_FROM_BYTES, hugePageEnvironment, reportsFreePages, thisMachine, type Machine } from '../src/huge-pages.js';
import { CLI, runCli } from './helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pooldoc-huge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Debian 12 machine: THP on request, glibc 2.36, no hypervisor taking memory back, files of the sizes given. */
function machine(sizes: Record<string, number>, overrides: Partial<Machine> = {}): Machine {
  return { platform: 'linux', thpMode: () => 'madvise', glibcVersion: () => '2.36', fileBytes: (file) => sizes[file], freePageReporting: () => false, ...overrides };
}
const BIG = { 'a.heapsnapshot': HUGE_PAGES_FROM_BYTES, 'b.heapsnapshot': HUGE_PAGES_FROM_BYTES / 2, 'c.heapsnapshot': HUGE_PAGES_FROM_BYTES / 2 };

describe('when the CLI relaunches with huge pages', () => {
  it('relaunches heap and diff on big files, adding the tunable to the user\'s own', () => {
    expect(hugePageEnvironment(['heap', 'a.heapsnapshot', '--json'], {}, machine(BIG))).toMatchObject({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    // Files add up; flags and their values are not files.
    expect(hugePageEnvironment(['diff', 'b.heapsnapshot', 'c.heapsnapshot', '--top', '5'], { PATH: '/bin' }, machine(BIG))).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(hugePageEnvironment(['heap', 'a.heapsnapshot'], { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, machine(BIG))?.GLIBC_TUNABLES).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
    expect(hugePageEnvironment(['heap', 'small.heapsnapshot'], { POOLDOC_HUGE_PAGES: 'on' }, machine({}))).toBeDefined();
    // analyze reads the snapshots it takes, whatever their size; without them it reads none.
    expect(hugePageEnvironment(['analyze', '1234', '--snapshots', '3', '--every', '5s'], {}, machine({}))).toBeDefined();
    expect(hugePageEnvironment(['analyze', '1234', '--snapshot'], {}, machine({}))).toBeDefined();
    expect(hugePageEnvironment(['analyze', '1234', '--snapshots=3'], {}, machine({}))).toBeDefined();
    expect(hugePageEnvironment(['analyze', '1234', '--duration', '30s'], {}, machine({}))).toBeUndefined();
    expect(hugePageEnvironment(['analyze', '1234', '--snapshot'], { POOLDOC_HUGE_PAGES: 'off' }, machine({}))).toBeUndefined();
  });

  it('runs here otherwise: small files, other commands, no THP on request, no glibc 2.35, the user\'s choice', () => {
    const no = (args: string[], env: NodeJS.ProcessEnv, on: Machine) => expect(hugePageEnvironment(args, env, on)).toBeUndefined();
    no(['heap', 'b.heapsnapshot'], {}, machine(BIG));
    no(['audit', 'a.heapsnapshot'], {}, machine(BIG));
    no(['heap', 'a.heapsnapshot'], {}, machine(BIG, { platform: 'darwin' }));
    // `always`: malloc gets huge pages without asking; `never`: none to get.
    no(['heap', 'a.heapsnapshot'], {}, machine(BIG, { thpMode: () => 'always' }));
    no(['heap', 'a.heapsnapshot'], {}, machine(BIG, { thpMode: () => undefined }));
    no(['heap', 'a.heapsnapshot'], {}, machine(BIG, { glibcVersion: () => '2.31' }));
    no(['heap', 'a.heapsnapshot'], {}, machine(BIG, { glibcVersion: () => undefined }));
    no(['heap', 'a.heapsnapshot'], { POOLDOC_HUGE_PAGES: 'off' }, machine(BIG));
    // A VM whose host takes free memory back: each huge page is fresh from the host there (src/huge-pages.ts).
    const reporting = machine(BIG, { freePageReporting: () => true });
    no(['heap', 'a.heapsnapshot'], {}, reporting);
    no(['analyze', '1234', '--snapshot'], {}, reporting);
    expect(hugePageEnvironment(['heap', 'a.heapsnapshot'], { POOLDOC_HUGE_PAGES: 'on' }, reporting)).toBeDefined();
    // Under an inspector: the process being debugged is this one (and a child would want the same port).
    expect(hugePageEnvironment(['heap', 'a.heapsnapshot'], {}, machine(BIG), ['--inspect=127.0.0.1:9230'])).toBeUndefined();
    expect(hugePageEnvironment(['heap', 'a.heapsnapshot'], {}, machine(BIG), ['--max-old-space-size=4096'])).toBeDefined();
    // Already set (by the user, or in the relaunched child itself): never a second relaunch.
    no(['heap', 'a.heapsnapshot'], { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, machine(BIG));
  });

  it('reads this machine: a regular file\'s size, nothing for a directory or a missing file', () => {
    const file = path.join(dir, 'sized');
    writeFileSync(file, Buffer.alloc(1234));
    expect(thisMachine.fileBytes(file)).toBe(1234);
    expect(thisMachine.fileBytes(dir)).toBeUndefined();
    expect(thisMachine.fileBytes(path.join(dir, 'missing'))).toBeUndefined();
    if (process.platform === 'linux') expect(thisMachine.glibcVersion()).toMatch(/^\d+\.\d+/);
  });

  it('reads free page reporting from the virtio balloon devices\' negotiated features (bit 5)', () => {
    const drivers = path.join(dir, 'virtio_balloon');
    const device = (name: string, features: string) => {
      mkdirSync(path.join(drivers, name), { recursive: true });
      writeFileSync(path.join(drivers, name, 'features'), `${features.padEnd(64, '0')}\n`);
    };
    expect(reportsFreePages(path.join(dir, 'no-such-driver'))).toBe(false);
    mkdirSync(drivers);
    // Driver files that are not devices are passed over.
    writeFileSync(path.join(drivers, 'bind'), '');
    expect(reportsFreePages(drivers)).toBe(false);
    // Stats and deflate-on-OOM (bits 1, 2) and page poisoning (bit 4): memory stays with the guest.
    device('virtio0', '01101');
    expect(reportsFreePages(drivers)).toBe(false);
    // The features of this project's Firecracker VM: reporting (bit 5) on.
    device('virtio1', '01100101');
    expect(reportsFreePages(drivers)).toBe(true);
  });
});

describe('the relaunched CLI', () => {
  const snapshot = path.join(dir, 'child.heapsnapshot');
  execFileSync(process.execPath, ['-e', `globalThis.kept = new Map(Array.from({ length: 500 }, (_, i) => [i, { i }])); require('node:v8').writeHeapSnapshot(${JSON.stringify(snapshot)});`]);
  // Preloaded into the CLI and (NODE_OPTIONS is inherited) into a relaunched child: each says who it is.
  const probe = path.join(dir, 'probe.cjs');
  const log = path.join(dir, 'probe.log');
  writeFileSync(probe, `require('node:fs').appendFileSync(${JSON.stringify(log)}, (process.env.GLIBC_TUNABLES ?? '-') + '\\n');`);
  const relaunches = thisMachine.platform === 'linux' && thisMachine.thpMode() === 'madvise';

  it('gives the output and exit codes of a run in one process', async () => {
    const env = (mode: string) => ({ POOLDOC_HUGE_PAGES: mode, NODE_OPTIONS: `--require ${probe}` });
    rmSync(log, { force: true });
    const here = await runCli(['heap', snapshot, '--json', '--top', '3'], { env: env('off') });
    expect(readFileSync(log, 'utf8')).toBe('-\n');
    rmSync(log, { force: true });
    const relaunched = await runCli(['heap', snapshot, '--json', '--top', '3'], { env: env('on') });
    // This project's machines (Debian 12 VMs, THP on request): a parent without the tunable, a child with it;
    // elsewhere one process, as asked for by nothing the kernel offers.
    expect(readFileSync(log, 'utf8')).toBe(relaunches ? '-\nglibc.malloc.hugetlb=1\n' : '-\n');
    expect(relaunched.code).toBe(0);
    expect(JSON.parse(relaunched.stdout)).toEqual(JSON.parse(here.stdout));
    expect(here.code).toBe(0);
    const bad = path.join(dir, 'cut.heapsnapshot');
    writeFileSync(bad, readFileSync(snapshot).subarray(0, 5000));
    const failed = await runCli(['heap', bad], { env: env('on') });
    expect(failed.code).toBe(2);
    // One error line, from the child: the parent adds nothing.
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/cut\.heapsnapshot \(byte \d+\)/);
  });

  it.runIf(relaunches)('passes a SIGTERM on to the child and dies of it as the child did', async () => {
    // A FIFO nobody writes to: the relaunched child waits in open() until it is killed.
    const fifo = path.join(dir, 'never.heapsnapshot');
    execFileSync('mkfifo', [fifo]);
    const pidLog = path.join(dir, 'pids.log');
    const pidProbe = path.join(dir, 'pid-probe.cjs');
    writeFileSync(pidProbe, `require('node:fs').appendFileSync(${JSON.stringify(pidLog)}, process.pid + ' ' + (process.env.GLIBC_TUNABLES ?? '-') + '\\n');`);
    const parent = spawn(process.execPath, [CLI, 'heap', fifo], { env: { ...process.env, POOLDOC_HUGE_PAGES: 'on', NODE_OPTIONS: `--require ${pidProbe}` }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => parent.once('exit', (_code, signal) => resolve(signal)));
    const started = () => (existsSync(pidLog) ? readFileSync(pidLog, 'utf8').trim().split('\n') : []);
    for (let waited = 0; started().length < 2 && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const [, childLine] = started();
    expect(childLine).toMatch(/^\d+ glibc\.malloc\.hugetlb=1$/);
    parent.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    // The child got it too: it is gone.
    const childPid = Number(childLine!.split(' ')[0]);
    let alive = true;
    for (let waited = 0; alive && waited < 5_000; waited += 50) {
      try {
        process.kill(childPid, 0);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
  });
});
