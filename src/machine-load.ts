// How many CPUs are idle right now. Both worker-thread readers (heap edges, metric byte ranges) measured slower
// than one thread when every core was busy: a worker only pays on a free core.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineLoad {
  cpus: number;
  /** Tasks competing for the CPUs besides this process: runnable tasks now, else the one-minute load average. */
  load: number;
}

/**
 * Linux: /proc/loadavg's "runnable/total" field counts the tasks running or ready to run at this instant
 * (this process included, so one is taken off). Why not only the one-minute average: it lags, so the CPU that
 * pooldoc's own previous run used (a bench loop, a CI step before) kept the worker off for a minute after.
 */
export function machineLoad(): MachineLoad {
  const cpus = os.availableParallelism();
  const runnable = runnableTasks();
  return { cpus, load: runnable === undefined ? (os.loadavg()[0] ?? 0) : Math.max(0, runnable - 1) };
}

function runnableTasks(): number | undefined {
  try {
    const match = /^\S+ \S+ \S+ (\d+)\//.exec(readFileSync('/proc/loadavg', 'latin1'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Whole CPUs the load leaves free (0 on a busy machine). */
export function idleCpus(machine: MachineLoad = machineLoad()): number {
  return Math.max(0, Math.floor(machine.cpus - machine.load));
}
