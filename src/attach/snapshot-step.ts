// The opt-in snapshot step of `analyze`: gate on memory headroom, announce the pause, take and stream the
// snapshot, then the heap engine's largest collections and the pool attribution.
import { analyzeSnapshot, largestCollections, type Collection } from '../heap/index.js';
import { PooldocError } from '../errors.js';
import { attributePools, type PoolHeapAttribution } from '../pools/runtime/heap-attribution.js';
import type { CdpSession } from './cdp-session.js';
import { readHeadroom, SNAPSHOT_MEMORY_FACTOR, type Headroom } from './headroom.js';
import { takeHeapSnapshot } from './heap-snapshot.js';

/** Reference: 48.9 MB of heap took 5.1–8.9 s; announce ~0.15 s per MB, at least a few seconds. */
const SNAPSHOT_SECONDS_PER_MB = 0.15;
const TOP_COLLECTIONS = 10;

export interface SnapshotOptions {
  file: string;
  force: boolean;
}

export interface SnapshotReport {
  file: string;
  bytes: number;
  pauseMs: number;
  nodeCount: number;
  headroom: Headroom;
  pools: PoolHeapAttribution[];
  collections: Collection[];
}

/** Throws unless the headroom covers ~20× heapUsed (or --force); returns the headroom and the expected pause. */
export function checkSnapshotHeadroom(pid: number, heapUsed: number, force: boolean): { headroom: Headroom; expectedPauseSeconds: number } {
  const headroom = readHeadroom(pid);
  const needed = SNAPSHOT_MEMORY_FACTOR * heapUsed;
  if (!force && headroom.available !== undefined && headroom.available < needed) {
    const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
    throw new PooldocError(`--snapshot refused: a snapshot may add up to ${SNAPSHOT_MEMORY_FACTOR}× the heap used (${mb(needed)}) to the target's memory, only ${mb(headroom.available)} is free (cgroup ${headroom.cgroupFree !== undefined ? mb(headroom.cgroupFree) : 'unlimited'}, MemAvailable ${headroom.memAvailable !== undefined ? mb(headroom.memAvailable) : '?'}); pass --force to take it anyway`);
  }
  return { headroom, expectedPauseSeconds: Math.max(2, (heapUsed / 1e6) * SNAPSHOT_SECONDS_PER_MB) };
}

export async function snapshotStep(session: CdpSession, pid: number, options: SnapshotOptions, headroom: Headroom): Promise<SnapshotReport> {
  const taken = await takeHeapSnapshot(session, options.file, `pid ${pid} snapshot`);
  const analysis = analyzeSnapshot(taken.snapshot);
  return {
    file: taken.file,
    bytes: taken.bytes,
    pauseMs: Math.round(taken.pauseMs),
    nodeCount: taken.snapshot.nodeCount,
    headroom,
    pools: attributePools(analysis),
    collections: largestCollections(analysis, { top: TOP_COLLECTIONS }),
  };
}
