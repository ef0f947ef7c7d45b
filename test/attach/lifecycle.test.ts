// Attach and detach against real Node children: inspector closed after iff pooldoc opened it (checked through
// /proc), left open when it was open before, non-Node pids untouched, SIGUSR1 owners and taken ports explained.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluateValue } from '../../src/attach/evaluate.js';
import { processExists } from '../../src/attach/proc.js';
import { attach, detach } from '../../src/attach/session.js';
import { listeningSockets } from '../../src/attach/sockets.js';
import { startTarget, tempDir } from '../helpers/child.js';
import { NODE22 } from '../helpers/node-versions.js';

const IDLE_APP = `setInterval(() => {}, 1000); console.log('ready');`;
// --inspect-port=0: parallel tests must not race for 9229; activation then picks a free port.
const RANDOM_PORT = ['--inspect-port=0'];

const temp = tempDir();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => temp.cleanup());

describe.each([
  ['node 20', process.execPath],
  ['node 22', NODE22],
])('attach lifecycle on %s', (_label, node) => {
  it('opens the inspector, verifies the pid, and closes it again (LISTEN socket gone)', async () => {
    const child = await startTarget(IDLE_APP, { dir: temp.dir, node, nodeArgs: RANDOM_PORT, name: 'idle.cjs' });
    children.push(child);
    const before = listeningSockets(child.pid!);
    const attachment = await attach(child.pid!);
    expect(attachment.inspector.wasOpen).toBe(false);
    expect(listeningSockets(child.pid!).map((socket) => socket.port)).toContain(attachment.inspector.port);
    expect(await evaluateValue(attachment.session, 'process.pid')).toBe(child.pid);
    const outcome = await detach(attachment);
    expect(outcome.inspectorAfter).toBe('closed');
    expect(listeningSockets(child.pid!)).toEqual(before);
    expect(processExists(child.pid!)).toBe(true);
  });

  it('leaves an inspector that was already open as it was', async () => {
    const child = await startTarget(IDLE_APP, { dir: temp.dir, node, nodeArgs: ['--inspect=127.0.0.1:0'], name: 'open.mjs' });
    children.push(child);
    const before = listeningSockets(child.pid!);
    const attachment = await attach(child.pid!);
    expect(attachment.inspector.wasOpen).toBe(true);
    const outcome = await detach(attachment);
    expect(outcome.inspectorAfter).toBe('open');
    expect(listeningSockets(child.pid!).map((socket) => socket.port)).toContain(attachment.inspector.port);
    expect(listeningSockets(child.pid!)).toEqual(before);
  });
});

describe('refusals', () => {
  it('never signals a non-Node process', async () => {
    const sleeper = spawn('sleep', ['100']);
    children.push(sleeper);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(attach(sleeper.pid!)).rejects.toThrow(/is not a Node process: nothing was sent/);
    expect(processExists(sleeper.pid!)).toBe(true);
  });

  it('says so when the app owns SIGUSR1 (no inspector appears), and the app keeps running', async () => {
    const app = `let got = 0; process.on('SIGUSR1', () => { got++; }); setInterval(() => {}, 1000); console.log('ready');`;
    const child = await startTarget(app, { dir: temp.dir, nodeArgs: RANDOM_PORT, name: 'own-usr1.cjs' });
    children.push(child);
    await expect(attach(child.pid!)).rejects.toThrow(/handles SIGUSR1 itself/);
    expect(processExists(child.pid!)).toBe(true);
  });

  it('waits for a main thread blocked in a system call, then attaches and closes the inspector it opened', async () => {
    // open() of a FIFO without a writer blocks the main thread in the kernel: neither the event loop nor a
    // V8 interrupt can run, so SIGUSR1 is handled only once the test opens the writing end.
    const fifo = `${temp.dir}/block.fifo`;
    execFileSync('mkfifo', [fifo]);
    const app = `setTimeout(() => { console.log('blocking'); require('fs').openSync(${JSON.stringify(fifo)}, 'r'); }, 100); setInterval(() => {}, 1000); console.log('ready');`;
    const child = await startTarget(app, { dir: temp.dir, nodeArgs: RANDOM_PORT, name: 'blocked.cjs', readyLine: 'blocking' });
    children.push(child);
    const notices: string[] = [];
    const unblockAt = Date.now() + 5000;
    const unblock = new Promise<void>((resolve) => setTimeout(() => {
      writeFileSync(fifo, 'go');
      resolve();
    }, 5000));
    const attachment = await attach(child.pid!, { notice: (message) => notices.push(message) });
    await unblock;
    expect(Date.now()).toBeGreaterThanOrEqual(unblockAt);
    expect(notices).toEqual([expect.stringMatching(/main thread is blocked in a system call and has not handled SIGUSR1 yet; waiting up to 30 s/)]);
    expect(attachment.inspector.wasOpen).toBe(false);
    expect((await detach(attachment)).inspectorAfter).toBe('closed');
  });

  it('an open inspector whose JS thread is blocked: says so and leaves it as it was', async () => {
    const fifo = `${temp.dir}/stuck.fifo`;
    execFileSync('mkfifo', [fifo]);
    const app = `setTimeout(() => { console.log('blocking'); require('fs').openSync(${JSON.stringify(fifo)}, 'r'); }, 100); setInterval(() => {}, 1000);`;
    const child = await startTarget(app, { dir: temp.dir, nodeArgs: ['--inspect=127.0.0.1:0'], name: 'stuck-open.cjs', readyLine: 'blocking' });
    children.push(child);
    const before = listeningSockets(child.pid!);
    await expect(attach(child.pid!)).rejects.toThrow(/did not answer process\.pid within 2 s \(its JS thread is blocked\?\); left as it was/);
    expect(listeningSockets(child.pid!)).toEqual(before);
    writeFileSync(fifo, 'go');
  });

  describe('port taken by another process', () => {
    let blocker: net.Server;
    let port: number;
    beforeAll(async () => {
      blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      port = (blocker.address() as net.AddressInfo).port;
    });
    afterAll(() => blocker.close());

    it('names the process that holds the inspector port', async () => {
      const child = await startTarget(IDLE_APP, { dir: temp.dir, nodeArgs: [`--inspect-port=${port}`], name: 'taken.cjs' });
      children.push(child);
      await expect(attach(child.pid!)).rejects.toThrow(new RegExp(`port ${port} is held by pid ${process.pid}`));
      expect(processExists(child.pid!)).toBe(true);
    });
  });

  it('refuses a non-loopback inspector unless --allow-remote', async () => {
    const child = await startTarget(IDLE_APP, { dir: temp.dir, name: 'remote.cjs' });
    children.push(child);
    await expect(attach(child.pid!, { inspectUrl: 'ws://10.1.2.3:9229/abc' })).rejects.toThrow(/not loopback/);
  });
});
