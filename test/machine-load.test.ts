// The worker-thread gate: free CPUs by the tasks runnable now, so a busy machine keeps pooldoc on one thread.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { idleCpus, machineLoad } from '../src/machine-load.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('machine load', () => {
  it('counts CPUs taken by other processes at this instant, not a minute ago', async () => {
    const cpus = os.availableParallelism();
    expect(idleCpus({ cpus, load: cpus + 1 })).toBe(0);
    expect(idleCpus({ cpus: 2, load: 0.4 })).toBe(1);
    // One busy child per CPU: every CPU is taken while they spin.
    for (let i = 0; i < cpus; i++) children.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    // Long enough for the children to start and spin on a loaded machine.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(machineLoad().load).toBeGreaterThanOrEqual(cpus);
    expect(idleCpus()).toBe(0);
    // (That the count frees up again once they stop is not asserted: other test files run beside this one.)
  });
});
