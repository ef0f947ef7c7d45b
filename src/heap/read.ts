// Entry points that read a snapshot from a file (chunked fs reads into one reused buffer) or from any chunk stream.
import { open, type FileHandle } from 'node:fs/promises';
import { fileError } from '../errors.js';
import { idleCpus } from '../machine-load.js';
import { silentProgress, type ProgressSink } from '../progress.js';
import { edgeJobError, edgeWorkerFile, startEdgeJob, type EdgeJob } from './reader/parallel-edges.js';
import type { ScannerKind } from './reader/number-scanner.js';
import { SnapshotParser } from './reader/snapshot-parser.js';
import type { HeapSnapshot } from './snapshot.js';

/**
 * 512 KB: each chunk is parsed while it is still in the CPU cache the read copied it into. With 32 MB chunks the
 * read's copy evicted the start of the chunk before the parser got to it, and reading the 200 MB bench snapshot
 * took ~150 ms longer (the 1 GB one ~0.5 s); per-chunk overhead is still nothing at 2,000 reads a GB.
 */
const FILE_CHUNK_BYTES = 512 << 10;
/**
 * From this many edges (~15 MB of text) a worker thread parses the `edges` section while this thread reads the
 * rest (nodes, locations, strings). Below it, starting the thread (~30 ms) costs more than it saves.
 */
export const PARALLEL_EDGES_FROM = 1_000_000;

/**
 * `auto`: a worker for snapshots from PARALLEL_EDGES_FROM edges, when a CPU is free (src/machine-load.ts).
 * Why the load check: the split costs ~10 % more CPU (the edge bytes are read twice, a second isolate), so on a
 * machine whose cores are all busy it was ~10 % slower than one thread (1 GB bench, load 3–4 on 2 cores).
 * `always` (tests) and `never` force the choice; the result is the same either way.
 */
export type EdgeWorkerMode = 'auto' | 'always' | 'never';

function wantEdgeWorker(mode: EdgeWorkerMode, edgeCount: number): boolean {
  if (mode !== 'auto') return mode === 'always';
  return edgeCount >= PARALLEL_EDGES_FROM && idleCpus() >= 1;
}

export const READ_PHASE = 'Reading snapshot';

export interface ReadOptions {
  progress?: ProgressSink;
  /** Whether a worker thread parses the `edges` section (default `auto`, see EdgeWorkerMode). */
  edgeWorker?: EdgeWorkerMode;
  /** Bytes per read (default 32 MB); tests use tiny chunks to split numbers and sections everywhere. */
  chunkBytes?: number;
  /** How numbers are read: the WebAssembly kernel (default) or the JavaScript reference loop (tests compare them). */
  scanner?: ScannerKind;
  /** Bytes per piece of `edges` the edge thread and this one split (default 2 MB, reader/edge-split.ts; tests). */
  edgePieceBytes?: number;
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
    const mode = options.edgeWorker ?? 'auto';
    const chunkBytes = options.chunkBytes ?? FILE_CHUNK_BYTES;
    const workerFile = mode === 'never' ? undefined : edgeWorkerFile();
    let job: EdgeJob | undefined;
    /** Where this thread's parser found the `edges` array, once it has (then the job's result is the section's). */
    let edgesStart: number | undefined;
    const parser = new SnapshotParser(file, {
      expectedBytes: size,
      scanner: options.scanner,
      // The worker starts as soon as the header is known and finds `edges` itself, in parallel with `nodes` here.
      nodesStart: (layout, start) => {
        if (!workerFile || !wantEdgeWorker(mode, layout.edgeCount)) return;
        job = startEdgeJob(workerFile, { file, layout, start: { after: start }, chunkBytes, scanner: options.scanner, pieceBytes: options.edgePieceBytes });
      },
      delegateEdges: (_layout, start) => {
        if (!job) return undefined;
        edgesStart = start;
        return job.columns;
      },
    });
    try {
      try {
        await pushFile(handle, file, size, chunkBytes, parser, progress);
      } catch (error) {
        // The sequential reader reports the first problem in file order: one inside `edges` comes before a problem
        // this thread found after it (not before: the worker started on `edges` before `nodes` was read here).
        const edgeError = job && edgesStart !== undefined ? await edgeProblem(job, edgesStart) : undefined;
        throw edgeError ?? error;
      }
      if (job && edgesStart !== undefined) {
        const result = await job.result(edgesStart, parser.delegatedEdgesClose);
        if (result.kind === 'error') throw edgeJobError(result);
        if (result.kind === 'done') parser.adoptEdges(result);
      }
      // A truncated `edges` section (worker result 'truncated') is reported here, as the sequential reader words it.
      return parser.finish();
    } finally {
      job?.cancel();
    }
  } finally {
    await handle.close();
  }
}

/** Feeds the whole file to the parser in chunks through one reused buffer. */
async function pushFile(handle: FileHandle, file: string, size: number, chunkBytes: number, parser: SnapshotParser, progress: ProgressSink): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, size)));
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
}

/** The edge thread's InputError, if it found one (a thread crash is not a problem with the input). */
async function edgeProblem(job: EdgeJob, start: number): Promise<Error | undefined> {
  const result = await job.result(start).catch(() => undefined);
  return result?.kind === 'error' ? edgeJobError(result) : undefined;
}

/**
 * Reads a snapshot from chunks (Uint8Array or string, e.g. CDP `HeapProfiler.addHeapSnapshotChunk` payloads).
 * Strings are encoded as UTF-8; chunks may split anything, including numbers and escapes.
 */
export async function readSnapshotStream(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, options: StreamReadOptions = {}): Promise<HeapSnapshot> {
  const progress = options.progress ?? silentProgress;
  const parser = new SnapshotParser(options.label ?? 'snapshot stream', { expectedBytes: options.expectedBytes, scanner: options.scanner });
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
