// Memory headroom around the target before a heap snapshot: the cgroup's limit minus its usage (v2, then v1)
// and the system's MemAvailable. A snapshot cost 10–20× the JS heap in the target's RSS (reference).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { procPath } from './proc.js';

/** Measured peak RSS growth of the target during a snapshot, as a multiple of heapUsed (reference: 10–20×). */
export const SNAPSHOT_MEMORY_FACTOR = 20;

export interface Headroom {
  /** Bytes the target's cgroup may still allocate; undefined when unlimited or unknown. */
  cgroupFree?: number;
  cgroupLimit?: number;
  memAvailable?: number;
  /** The smaller of the known limits. */
  available?: number;
}

export function readHeadroom(pid: number): Headroom {
  const headroom: Headroom = {};
  try {
    const meminfo = readFileSync('/proc/meminfo', 'utf8');
    const kib = /^MemAvailable:\s+(\d+) kB/m.exec(meminfo)?.[1];
    if (kib) headroom.memAvailable = Number(kib) * 1024;
  } catch {
    /* not Linux */
  }
  const cgroup = cgroupMemory(pid);
  if (cgroup) {
    headroom.cgroupLimit = cgroup.limit;
    headroom.cgroupFree = Math.max(0, cgroup.limit - cgroup.current);
  }
  const known = [headroom.cgroupFree, headroom.memAvailable].filter((value): value is number => value !== undefined);
  headroom.available = known.length > 0 ? Math.min(...known) : undefined;
  return headroom;
}

function cgroupMemory(pid: number): { limit: number; current: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(procPath(pid, 'cgroup'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const read = (file: string) => readFileSync(file, 'utf8').trim();
  const v2 = lines.find((line) => line.startsWith('0::'));
  try {
    if (v2) {
      const dir = path.join('/sys/fs/cgroup', v2.slice(3));
      const limit = read(path.join(dir, 'memory.max'));
      if (limit === 'max') return undefined;
      return { limit: Number(limit), current: Number(read(path.join(dir, 'memory.current'))) };
    }
    const v1 = lines.find((line) => /:memory:/.test(line));
    if (v1) {
      const dir = path.join('/sys/fs/cgroup/memory', v1.split(':')[2] ?? '');
      const limit = Number(read(path.join(dir, 'memory.limit_in_bytes')));
      // cgroup v1 reports "no limit" as a huge page-aligned number.
      if (!Number.isFinite(limit) || limit > 2 ** 60) return undefined;
      return { limit, current: Number(read(path.join(dir, 'memory.usage_in_bytes'))) };
    }
  } catch {
    return undefined; // the cgroup filesystem is not mounted here
  }
  return undefined;
}
