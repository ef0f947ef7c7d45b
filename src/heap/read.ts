// Entry points that read a snapshot from a file (chunked fs reads into one reused buffer) or from any chunk stream.
import { open } from 'node:fs/promises';
import { fileError } from '../errors.js';
import { silentProgress, type ProgressSink } from '../progress.js';
import { SnapshotParser } from './reader/snapshot-parser.js';
import type { HeapSnapshot } from './snapshot.js';

/** 32 MB: large enough that per-chunk overhead vanishes, small enough to stay out of the RSS budget. */
const FILE_CHUNK_BYTES = 32 << 20;

export const READ_PHASE = 'Reading snapshot';

export interface ReadOptions {
  progress?: ProgressSink;
}

export interface StreamReadOptions extends ReadOptions {
  /** Name used in error messages in place of a file name (e.g. "pid 1234 snapshot"). */
  label?: string;
  /** Total bytes when known, for progress and early sanity checks. */
  expectedBytes?: number;
}

/** Reads a `.heapsnapshot` file. Bad or unreadable input throws InputError naming the file and byte offset. */
export async function readSnapshotFile(file: string, options: ReadOptions = {}): Promise<HeapSnapshot> {
  const progress = options.progress ?? silentProgress;
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileError(file, error);
  }
  try {
    let size: number;
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      size = stat.size;
    } catch (error) {
      throw fileError(file, error);
    }
    const parser = new SnapshotParser(file, { expectedBytes: size });
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(FILE_CHUNK_BYTES, size)));
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        throw fileError(file, error);
      }
      if (bytesRead === 0) break;
      parser.push(buffer.subarray(0, bytesRead));
      progress(READ_PHASE, parser.bytesRead, size);
    }
    return parser.finish();
  } finally {
    await handle.close();
  }
}

/**
 * Reads a snapshot from chunks (Uint8Array or string, e.g. CDP `HeapProfiler.addHeapSnapshotChunk` payloads).
 * Strings are encoded as UTF-8; chunks may split anything, including numbers and escapes.
 */
export async function readSnapshotStream(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, options: StreamReadOptions = {}): Promise<HeapSnapshot> {
  const progress = options.progress ?? silentProgress;
  const parser = new SnapshotParser(options.label ?? 'snapshot stream', { expectedBytes: options.expectedBytes });
  for await (const chunk of chunks) {
    parser.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    progress(READ_PHASE, parser.bytesRead, options.expectedBytes ?? 0);
  }
  return parser.finish();
}

/** Parses a complete snapshot held in memory (tests, small inputs). */
export function parseSnapshot(bytes: Uint8Array | string, label = 'snapshot'): HeapSnapshot {
  const parser = new SnapshotParser(label, { expectedBytes: typeof bytes === 'string' ? undefined : bytes.length });
  parser.push(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  return parser.finish();
}
