// How many CPUs are idle right now. Both worker-thread readers (heap edges, metric byte ranges) measured slower
// than one thread when every core was busy: a worker only pays on a free core.
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

export interface MachineLoad {
  cpus: number;
  /** Tasks competing for the CPUs besides this process: runnable tasks now, else the one-minute load average. */
  load: number;
}

/**
 * Linux: /proc/loadavg's "runnable/total" field counts the threads running or ready to run at this instant, less
 * this process's own (the main thread, and V8's compiler and GC helpers busy at startup). Why not only the
 * one-minute average: it lags, so the CPU that pooldoc's own previous run used (a bench loop, a CI step before)
 * kept the worker off for a minute after.
 */
export function machineLoad(): MachineLoad {
  const cpus = os.availableParallelism();
  let load = Infinity;
  // The fewest of a few readings 5 ms apart: one reading often catches a short-lived task (a shell, a kernel
  // worker) and kept the analysis's helper thread off on an idle machine.
  // Stops at a reading of 0: none can be lower, so an idle machine costs one reading and no pause.
  for (let reading = 0; reading < LOAD_READINGS && load > 0; reading++) {
    if (reading > 0) Atomics.wait(pause, 0, 0, READING_GAP_MS);
    const runnable = runnableThreads();
    if (runnable === undefined) return { cpus, load: os.loadavg()[0] ?? 0 };
    load = Math.min(load, Math.max(0, runnable - ownRunnableThreads()));
  }
  return { cpus, load };
}

const LOAD_READINGS = 3;
const READING_GAP_MS = 5;
/** Something to Atomics.wait on: a synchronous 5 ms pause without a busy loop. */
const pause = new Int32Array(new SharedArrayBuffer(4));

function runnableThreads(): number | undefined {
  try {
    const match = /^\S+ \S+ \S+ (\d+)\//.exec(readFileSync('/proc/loadavg', 'latin1'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** This process's threads in state R (at least 1: the one asking). */
function ownRunnableThreads(): number {
  let running = 0;
  try {
    for (const task of readdirSync('/proc/self/task')) {
      try {
        // Field 3 of stat is the state; the name before it is in parentheses and may hold spaces.
        const stat = readFileSync(`/proc/self/task/${task}/stat`, 'latin1');
        if (stat[stat.lastIndexOf(')') + 2] === 'R') running++;
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  } catch {
    // No per-thread view: count only this thread.
  }
  return Math.max(1, running);
}

/** Whole CPUs the load leaves free (0 on a busy machine). */
export function idleCpus(machine: MachineLoad = machineLoad()): number {
  return Math.max(0, Math.floor(machine.cpus - machine.load));
}
