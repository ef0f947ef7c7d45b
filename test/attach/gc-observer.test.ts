// The live GC observer against real children on Node 20, 22 and 24: every major it reports matches the target's own
// --trace-gc line, and after stop + detach nothing of pooldoc's is left (no profiler, no timer, no global).
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { delay } from '../../src/attach/activate.js';
import { GcObserver } from '../../src/attach/gc-observer.js';
import { attach, detach } from '../../src/attach/session.js';
import { startTarget, tempDir } from '../helpers/child.js';
import { nodeBinary, NODE22 } from '../helpers/node-versions.js';

/**
 * A sawtooth (40 MB of objects made and dropped every 300 ms) that answers SIGUSR2 with what a visitor could have
 * left behind: live GCProfiler objects, active handles, own globals.
 */
export const SAWTOOTH_WITH_PROBE = `
const v8 = require('v8');
process.emitWarning = () => {}; // v8.queryObjects is experimental: keep its warning off stderr
let saw = null;
setInterval(() => { saw = saw ? null : Array.from({ length: 400000 }, (_, i) => ({ i, pad: [i, i] })); }, 300);
process.on('SIGUSR2', () => console.log('PROBE ' + JSON.stringify({
  profilers: v8.queryObjects(v8.GCProfiler, { format: 'count' }),
  resources: process.getActiveResourcesInfo().sort(),
  globals: Object.getOwnPropertyNames(globalThis).sort(),
})));
console.log('ready');
`;

export interface Probe {
  profilers: number;
  resources: string[];
  globals: string[];
}

/** Sends SIGUSR2 and resolves with the target's next PROBE line. */
export function probe(child: ChildProcess): Promise<Probe> {
  return new Promise((resolve) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk;
      const match = /PROBE (.*)\n/.exec(buffer);
      if (!match) return;
      child.stdout!.off('data', onData);
      resolve(JSON.parse(match[1]!) as Probe);
    };
    child.stdout!.on('data', onData);
    child.kill('SIGUSR2');
  });
}

const temp = tempDir();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => temp.cleanup());

describe.each([
  ['node 20', process.execPath],
  ['node 22', NODE22],
  ['node 24', nodeBinary(24)],
])('GC observer on %s', (_label, node) => {
  it('reports the majors --trace-gc prints, heap after to the line\'s 0.1 MB, and leaves nothing behind', async () => {
    const child = await startTarget(SAWTOOTH_WITH_PROBE, { dir: temp.dir, node, nodeArgs: ['--inspect-port=0', '--trace-gc'], name: 'sawtooth.cjs' });
    children.push(child);
    let traceGc = '';
    child.stdout!.on('data', (chunk) => (traceGc += chunk));
    const before = await probe(child);
    const attachment = await attach(child.pid!);
    const observer = await GcObserver.install(attachment.session, 1000);
    expect(observer.available).toBe(true);
    for (let second = 0; second < 4; second++) {
      await delay(1000);
      await observer.drain();
    }
    await observer.stop();
    await detach(attachment);
    const majors = observer.events.filter((event) => event.kind === 'major');
    expect(majors.length).toBeGreaterThanOrEqual(2);
    expect(observer.events.some((event) => event.kind === 'minor')).toBe(true);
    // trace-gc prints "Mark-Compact 52.3 (60.1) -> 3.2 (10.0) MB" in MiB with one decimal.
    const printed = [...traceGc.matchAll(/Mark-Compact[^\d]*([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g)].map((match) => Number(match[2]) * 1024 * 1024);
    for (const major of majors) {
      expect(major.heapAfter).toBeLessThan(major.heapBefore);
      expect(Math.min(...printed.map((value) => Math.abs(value - major.heapAfter)))).toBeLessThanOrEqual(0.06 * 1024 * 1024);
    }
    const times = observer.events.map((event) => event.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const after = await probe(child);
    expect(after).toEqual({ ...before, profilers: 0 });
    expect(before.profilers).toBe(0);
  });
});

describe('GC observer when pooldoc goes away without stopping it', () => {
  it('the profiler in the target stops itself (unref\'d timer) once nobody drains it', async () => {
    const child = await startTarget(SAWTOOTH_WITH_PROBE, { dir: temp.dir, nodeArgs: ['--inspect-port=0'], name: 'abandoned.cjs' });
    children.push(child);
    const before = await probe(child);
    const attachment = await attach(child.pid!);
    await GcObserver.install(attachment.session, 1000);
    // Detach without stop(): the object group goes with the session, the profiler is left running.
    await detach(attachment);
    const left = await probe(child);
    expect(left.profilers).toBe(1);
    // (Its watchdog timer is unref'd, and Node lists only ref'd timers in getActiveResourcesInfo: nothing to see there.)
    // 30 s without a drain (checked every 10 s): stopped, timer gone.
    await delay(42_000);
    expect(await probe(child)).toEqual(before);
  }, 60_000);
});
