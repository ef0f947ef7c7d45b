// Main-thread side of the edge worker: shared edge columns, starting the worker, and turning its answer into data.
import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { BYTE } from './bytes.js';
import type { SourcePosition } from '../../findings.js';
import type { SnapshotLayout } from '../layout.js';
import { compiledWorkerFile, startWorker } from '../../worker-file.js';
import { EdgeSectionReader, type EdgeColumns } from './edge-section.js';
import type { ScannerKind } from './number-scanner.js';

/** What the worker needs: the file, the header, where the `edges` array opens, and the columns to fill. */
export interface EdgeJobRequest {
  file: string;
  layout: SnapshotLayout;
  /**
   * File offset of the section's '[', or `{ after }`: the offset where the `nodes` array opens, the section then
   * being found by the worker (the first ']' closes `nodes`, `,"edges":[` follows in V8's files). Why: the worker
   * starts with the file instead of waiting for this thread to read the 1/3 of it that `nodes` takes.
   */
  start: number | { after: number };
  chunkBytes: number;
  scanner?: ScannerKind;
  shared: { edgeType: SharedArrayBuffer; edgeNameOrIndex: SharedArrayBuffer; edgeTarget: SharedArrayBuffer };
}

export type EdgeJobResult =
  | { kind: 'done'; maxNameIndex: number; start: number; end: number }
  | { kind: 'truncated' }
  /** `edges` does not follow `nodes` (not V8's order): this thread parses it where its own parser finds it. */
  | { kind: 'not-found' }
  /** `message`: the InputError's detail (its position travels in `position`). */
  | { kind: 'error'; message: string; position?: SourcePosition };

export interface EdgeJob {
  columns: EdgeColumns;
  /**
   * The section's result, given where this thread's parser found its '['. Never rejects: if the thread fails (not
   * the input) or parsed from another offset, this thread parses the section itself.
   */
  result(start: number): Promise<EdgeJobResult>;
  cancel(): void;
}

/** Parses the `edges` section from the file into the request's columns (run by the worker, or here as a fallback). */
export function parseEdgeSection(request: EdgeJobRequest): EdgeJobResult {
  const { file, layout, chunkBytes, scanner, shared } = request;
  const columns = { edgeType: new Uint8Array(shared.edgeType), edgeNameOrIndex: new Uint32Array(shared.edgeNameOrIndex), edgeTarget: new Uint32Array(shared.edgeTarget) };
  const reader = new EdgeSectionReader(file, layout, columns, scanner);
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const start = typeof request.start === 'number' ? request.start : findEdgesAfterNodes(fd, buffer, request.start.after);
    if (start < 0) return { kind: 'not-found' };
    let position = start;
    while (!reader.done) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, position);
      // The main thread's parser reports a truncated file with the sequential reader's message.
      if (bytesRead === 0) return { kind: 'truncated' };
      const stop = reader.consume(buffer, 0, bytesRead, position);
      position += reader.done ? stop : bytesRead;
    }
    return { kind: 'done', maxNameIndex: reader.maxNameIndex, start, end: position };
  } catch (error) {
    if (error instanceof InputError) return { kind: 'error', message: error.detail, position: error.position };
    throw error;
  } finally {
    closeSync(fd);
  }
}

/** What follows the `nodes` array's ']' in V8's files, up to the `edges` array's '['. */
const EDGES_OPENING = /^\s*,\s*"edges"\s*:\s*\[/;

/** File offset of the `edges` array's '[' when it follows the `nodes` array opening at `nodesStart`; else -1. */
function findEdgesAfterNodes(fd: number, buffer: Buffer, nodesStart: number): number {
  let position = nodesStart;
  for (;;) {
    const bytesRead = readSync(fd, buffer, 0, buffer.length, position);
    if (bytesRead === 0) return -1;
    // `nodes` holds only digits, commas and whitespace: its first ']' closes it (memchr speed).
    const close = buffer.subarray(0, bytesRead).indexOf(BYTE.closeBracket, position === nodesStart ? 1 : 0);
    if (close >= 0) {
      const after = position + close + 1;
      const head = Buffer.alloc(256);
      const length = readSync(fd, head, 0, head.length, after);
      const opening = EDGES_OPENING.exec(head.toString('latin1', 0, length));
      return opening ? after + opening[0].length - 1 : -1;
    }
    position += bytesRead;
  }
}

/** The compiled worker module (see compiledWorkerFile); undefined: the caller reads single-threaded. */
export function edgeWorkerFile(moduleUrl: string = import.meta.url): string | undefined {
  return compiledWorkerFile(moduleUrl, 'edge-worker');
}

/** Starts a worker on the `edges` section (see EdgeJobRequest.start); its columns are shared with this thread. */
export function startEdgeJob(workerFile: string, where: Omit<EdgeJobRequest, 'shared'>): EdgeJob {
  const count = where.layout.edgeCount;
  const shared = {
    edgeType: new SharedArrayBuffer(count),
    edgeNameOrIndex: new SharedArrayBuffer(count * Uint32Array.BYTES_PER_ELEMENT),
    edgeTarget: new SharedArrayBuffer(count * Uint32Array.BYTES_PER_ELEMENT),
  };
  const columns = { edgeType: new Uint8Array(shared.edgeType), edgeNameOrIndex: new Uint32Array(shared.edgeNameOrIndex), edgeTarget: new Uint32Array(shared.edgeTarget) };
  const request: EdgeJobRequest = { ...where, shared };
  let cancelled = false;
  const worker = startWorker(workerFile, request);
  const threadResult = new Promise<EdgeJobResult>((resolve, reject) => {
    worker.once('message', (message: EdgeJobResult) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the edge reader thread exited (code ${code}) without a result`)));
  });
  // Handled at once: a job cancelled before anyone asks for its result must not leave a rejection behind.
  // A thread that cannot run (no memory for an isolate, a broken install) costs time, not the result.
  const answered = threadResult.catch((): undefined => undefined);
  const result = async (start: number): Promise<EdgeJobResult> => {
    const here = (): EdgeJobResult => parseEdgeSection({ ...request, start });
    const answer = await answered;
    if (cancelled) return answer ?? { kind: 'truncated' };
    if (!answer || answer.kind === 'not-found') return here();
    // It found the section elsewhere than this thread's parser (a file unlike V8's): the parser's offset wins.
    if (answer.kind === 'done' && answer.start !== start) return here();
    return answer;
  };
  return { columns, result, cancel: () => {
    cancelled = true;
    void worker.terminate();
  } };
}

/** Rebuilds the worker's InputError in this thread (same message, same position). */
export function edgeJobError(result: Extract<EdgeJobResult, { kind: 'error' }>): InputError {
  return new InputError(result.message, result.position);
}
