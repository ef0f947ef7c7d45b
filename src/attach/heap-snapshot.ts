// Takes a heap snapshot of the target over CDP, streaming addHeapSnapshotChunk into a 0600 file (temp name,
// then atomic rename) and into the heap engine's parser at the same time, so the snapshot is never held whole.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { SnapshotParser, type HeapSnapshot } from '../heap/index.js';
import type { ProgressSink } from '../progress.js';
import { whileContextAlive, type CdpSession } from './cdp-session.js';

/** A 100 MB heap took 15 s to snapshot on the reference box; the slow 2-core case gets ample margin. */
const SNAPSHOT_TIMEOUT_MS = 15 * 60_000;
/** Snapshots hold passwords and tokens: owner-only. */
const SNAPSHOT_FILE_MODE = 0o600;

export interface TakenSnapshot {
  file: string;
  bytes: number;
  pauseMs: number;
  snapshot: HeapSnapshot;
}

export interface TakeSnapshotOptions {
  progress?: ProgressSink;
  /**
   * Leave HeapProfiler enabled after this snapshot. Disabling it clears V8's object-id map, so a series of
   * snapshots must keep it on in between or the same object gets a new id each time and nothing can be followed;
   * the caller then disables it once at the end (disableHeapProfiler).
   */
  keepEnabled?: boolean;
}

export async function disableHeapProfiler(session: CdpSession): Promise<void> {
  await session.send('HeapProfiler.disable').catch(() => undefined);
}

export async function takeHeapSnapshot(session: CdpSession, file: string, label: string, options: TakeSnapshotOptions = {}): Promise<TakenSnapshot> {
  const { progress } = options;
  const partial = `${file}.partial-${process.pid}`;
  const fd = openSync(partial, 'w', SNAPSHOT_FILE_MODE);
  const parser = new SnapshotParser(label);
  let bytes = 0;
  let failure: unknown;
  const offChunk = session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
    if (failure) return;
    try {
      const data = Buffer.from(chunk, 'utf8');
      writeSync(fd, data);
      parser.push(data);
      bytes += data.length;
    } catch (error) {
      failure = error; // keep draining events; report once the call returns
    }
  });
  const offProgress = session.on('HeapProfiler.reportHeapSnapshotProgress', ({ done, total }) => progress?.('Taking heap snapshot (target paused)', done, total));
  const started = performance.now();
  try {
    await session.send('HeapProfiler.enable');
    await whileContextAlive(session, session.send('HeapProfiler.collectGarbage', {}, { timeoutMs: SNAPSHOT_TIMEOUT_MS }));
    // The reply arrives after the last chunk.
    await whileContextAlive(session, session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: progress !== undefined, captureNumericValue: false }, { timeoutMs: SNAPSHOT_TIMEOUT_MS }));
    const pauseMs = performance.now() - started;
    closeSync(fd);
    if (failure) throw failure;
    const snapshot = parser.finish();
    renameSync(partial, file);
    return { file, bytes, pauseMs, snapshot };
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(partial, { force: true });
    throw error;
  } finally {
    offChunk();
    offProgress();
    if (!options.keepEnabled) await disableHeapProfiler(session);
  }
}
