// How many CPUs are idle right now, by the one-minute load average. Both worker-thread readers (heap edges,
// metric byte ranges) measured slower than one thread when every core was busy: a worker only pays on a free core.
import os from 'node:os';

export interface MachineLoad {
  cpus: number;
  /** One-minute load average. */
  load: number;
}

export function machineLoad(): MachineLoad {
  return { cpus: os.availableParallelism(), load: os.loadavg()[0] ?? 0 };
}

/** Whole CPUs the load average leaves free (0 on a busy machine). */
export function idleCpus(machine: MachineLoad = machineLoad()): number {
  return Math.max(0, Math.floor(machine.cpus - machine.load));
}
