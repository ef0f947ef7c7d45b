// How many threads read a big NDJSON or trace-gc file, and from what size: options, then environment, then defaults.
import { idleCpus, machineLoad, type MachineLoad } from '../machine-load.js';
import type { ParallelOptions } from './reader-context.js';

/** Below this a file is read on one thread: starting a worker (~30–50 ms) would eat most of the gain. */
export const DEFAULT_PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
/** More threads than this mostly add merge copies and memory: the reads become disk- or memory-bound. */
const MAX_DEFAULT_THREADS = 4;

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Threads when nothing is set: this one plus one per idle CPU, at most 4. A worker only gains on a free core;
 * on a busy one it measured slower than one thread (shared caches, start-up, merge copies).
 */
export function defaultThreads(machine: MachineLoad): number {
  return Math.max(1, Math.min(machine.cpus, MAX_DEFAULT_THREADS, 1 + idleCpus(machine)));
}

/**
 * `minBytes`: the option, else `POOLDOC_PARALLEL_MIN_BYTES`, else 64 MiB. `threads`: the option, else
 * `POOLDOC_THREADS`, else one plus the idle CPUs (at most 4). An unusable environment value is ignored.
 */
export function resolveParallelOptions(
  options: Partial<ParallelOptions> = {},
  env: NodeJS.ProcessEnv = process.env,
  machine?: MachineLoad,
): ParallelOptions {
  return {
    minBytes: options.minBytes ?? envNumber(env, 'POOLDOC_PARALLEL_MIN_BYTES') ?? DEFAULT_PARALLEL_MIN_BYTES,
    // The machine is read only when nothing else decides (it reads /proc, and pauses on a busy machine).
    threads: Math.floor(options.threads ?? envNumber(env, 'POOLDOC_THREADS') ?? defaultThreads(machine ?? machineLoad())),
  };
}
