// Main-thread side of the edge worker: shared edge columns, starting the worker, and turning its answer into data.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { BYTE, isDigit } from './bytes.js';
import type { SourcePosition } from '../../findings.js';
import type { SnapshotLayout } from '../layout.js';
import { compiledWorkerFile, startWorker } from '../../worker-file.js';
import { EdgeSectionReader, type EdgeColumns } from './edge-section.js';
import { feed, PIECE_BYTES, PieceClaims, pieceStart, readTail, type TailShare } from './edge-split.js';
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
  /** Bytes per piece of the split with this thread (edge-split.ts; tests make it small). */
  pieceBytes?: number;
  /**
   * The columns to fill, and the piece claims (PieceClaims) when this thread may take pieces from the section's end:
   * the worker then reads piece by piece and stops where this thread's pieces begin.
   */
  shared: { edgeType: SharedArrayBuffer; edgeNameOrIndex: SharedArrayBuffer; edgeTarget: SharedArrayBuffer; claims?: SharedArrayBuffer | undefined };
}

export type EdgeJobResult =
  | { kind: 'done'; maxNameIndex: number; start: number; end: number }
  /**
   * The worker stopped at `stop`, where the pieces this thread took begin, with records [0, records) stored
   * (a record the stop cut is not among them).
   */
  | { kind: 'split'; maxNameIndex: number; start: number; stop: number; records: number }
  | { kind: 'truncated' }
  /** `edges` does not follow `nodes` (not V8's order): this thread parses it where its own parser finds it. */
  | { kind: 'not-found' }
  /** `message`: the InputError's detail (its position travels in `position`). */
  | { kind: 'error'; message: string; position?: SourcePosition };

export interface EdgeJob {
  columns: EdgeColumns;
  /**
   * The section's result, given where this thread's parser found its '['. Never rejects: if the thread fails (not
   * the input) or parsed from another offset, this thread parses the section itself. `close`, the offset of the
   * section's ']' once this thread's parser passed it: this thread then reads the pieces at the end of the section
   * the worker has not reached (edge-split.ts) instead of waiting idle.
   */
  result(start: number, close?: number): Promise<EdgeJobResult>;
  cancel(): void;
}

/** Parses the `edges` section from the file into the request's columns (run by the worker, or here as a fallback). */
export function parseEdgeSection(request: EdgeJobRequest): EdgeJobResult {
  const { file, layout, chunkBytes, scanner, shared } = request;
  const columns = edgeColumnsOver(shared);
  const reader = new EdgeSectionReader(file, layout, columns, scanner);
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const start = typeof request.start === 'number' ? request.start : findEdgesAfterNodes(fd, buffer, request.start.after, layout);
    if (start < 0) return { kind: 'not-found' };
    const claims = shared.claims ? new PieceClaims(shared.claims) : undefined;
    const pieceBytes = request.pieceBytes ?? PIECE_BYTES;
    let position = start;
    /** Pieces taken so far; reads stop at their nominal end until the next one is taken. */
    let taken = 0;
    let limit = claims ? start : Infinity;
    while (!reader.done) {
      if (position >= limit) {
        if (claims!.claimFront() < 0) {
          // The main thread took the next piece: read on to where it starts, and stop there.
          const stop = pieceStart(fd, start, taken, pieceBytes, Buffer.allocUnsafe(256));
          feed(fd, reader, buffer, position, stop);
          reader.settle(stop);
          return { kind: 'split', maxNameIndex: reader.maxNameIndex, start, stop, records: reader.recordsRead };
        }
        limit = start + ++taken * pieceBytes;
      }
      const bytesRead = readSync(fd, buffer, 0, Math.min(buffer.length, limit - position), position);
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
function findEdgesAfterNodes(fd: number, buffer: Buffer, nodesStart: number, layout: SnapshotLayout): number {
  // `nodes` holds only digits, commas and whitespace: its first ']' closes it (memchr speed), searched from a place
  // known to be inside it, found without reading it through when the file has V8's one record a line.
  let position = lastNodeLineAtOrAfter(fd, nodesStart, layout);
  for (;;) {
    const bytesRead = readSync(fd, buffer, 0, Math.min(buffer.length, SCAN_READ_BYTES), position);
    if (bytesRead === 0) return -1;
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

/** Reads of the scan for ']': small, so what the bisection leaves costs one read, not a whole chunk. */
const SCAN_READ_BYTES = 1 << 20;
/** Bytes read at each bisection probe: many lines of either section (a node line is ~40 bytes, an edge line ~20). */
const PROBE_BYTES = 4096;

/**
 * A file offset inside `nodes` close before its end, by bisection on the records' line shape instead of reading the
 * ~1/3 of the file `nodes` takes (~30 ms on 73 MB): V8 writes one record a line, `,a,b,c,d,e,f,g` with one comma a
 * field in `nodes` (6 or 7) and three in `edges`. A probe reads a block and classifies its first whole line: a node
 * record moves the low end up, anything else (an edge record, the `],"edges":[` line, later sections) moves the
 * high end down. Only a hint: any other shape, or a file not laid out that way, ends the search where it stands,
 * and the caller then scans from there (from `nodesStart` at worst); a wrong offset cannot come of it, since the
 * main thread's parser checks the section starts where the worker found it.
 */
export function lastNodeLineAtOrAfter(fd: number, nodesStart: number, layout: SnapshotLayout): number {
  const nodeCommas = layout.nodeFieldCount;
  if (nodeCommas === layout.edgeFieldCount) return nodesStart;
  const probe = Buffer.alloc(PROBE_BYTES);
  let low = nodesStart;
  let high = fstatSync(fd).size;
  while (high - low > SCAN_READ_BYTES / 2) {
    const middle = low + Math.floor((high - low) / 2);
    const line = firstWholeLine(probe, readSync(fd, probe, 0, probe.length, middle));
    if (!line) return low;
    const commas = recordCommas(probe, line.start, line.end);
    if (commas === nodeCommas) low = middle;
    else high = middle;
  }
  return low;
}

/** The first line of the block that starts after a newline and ends before another one; undefined if none. */
function firstWholeLine(block: Buffer, length: number): { start: number; end: number } | undefined {
  const read = block.subarray(0, length);
  const newline = read.indexOf(BYTE.newline);
  if (newline < 0) return undefined;
  const end = read.indexOf(BYTE.newline, newline + 1);
  return end < 0 ? undefined : { start: newline + 1, end };
}

/** Commas of a line that holds only digits and commas (a record), else -1 (the line is not a record). */
function recordCommas(block: Buffer, start: number, end: number): number {
  let commas = 0;
  for (let i = start; i < end; i++) {
    const byte = block[i]!;
    if (byte === BYTE.comma) commas++;
    else if (!isDigit(byte) && !(byte === BYTE.carriageReturn && i === end - 1)) return -1;
  }
  return commas;
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
    claims: PieceClaims.allocate(),
  };
  const columns = edgeColumnsOver(shared);
  const claims = new PieceClaims(shared.claims);
  const request: EdgeJobRequest = { ...where, shared };
  // This thread's own read of the section, when the worker's answer cannot be used: in one pass, with no split.
  const alone = { ...request, shared: { ...shared, claims: undefined } };
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
  const result = async (start: number, close?: number): Promise<EdgeJobResult> => {
    const here = (): EdgeJobResult => parseEdgeSection({ ...alone, start });
    // Idle until the worker is done: take the pieces it has not reached yet, from the end.
    const share = close === undefined || cancelled ? undefined : readTailOf({ ...request, start }, close, columns, claims);
    const answer = await answered;
    if (cancelled) return answer ?? { kind: 'truncated' };
    if (!answer || answer.kind === 'not-found') return here();
    // It found the section elsewhere than this thread's parser (a file unlike V8's): the parser's offset wins.
    if ((answer.kind === 'done' || answer.kind === 'split') && answer.start !== start) return here();
    if (answer.kind === 'split') return joinSplit(answer, share, count, close) ?? here();
    return answer;
  };
  return { columns, result, cancel: () => {
    cancelled = true;
    void worker.terminate();
  } };
}

/** The typed-array views of the shared edge columns (one per thread: views are not posted, buffers are). */
export function edgeColumnsOver(shared: EdgeJobRequest['shared']): EdgeColumns {
  return { edgeType: new Uint8Array(shared.edgeType), edgeNameOrIndex: new Uint32Array(shared.edgeNameOrIndex), edgeTarget: new Uint32Array(shared.edgeTarget) };
}

/** This thread's share of the section whose '[' and ']' are at `request.start` and `close` (undefined: none). */
function readTailOf(request: EdgeJobRequest & { start: number }, close: number, columns: EdgeColumns, claims: PieceClaims): TailShare | undefined {
  const { file, layout, scanner, pieceBytes, chunkBytes, start } = request;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return readTail({ file, fd, layout, columns, claims, sectionStart: start, sectionClose: close, pieceBytes, chunkBytes, scanner });
  } catch {
    // An I/O error here: the pieces taken so far are void, and the one-pass read reports the error.
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The whole section from the two shares, when they add up to the header's count; else undefined (read it again).
 * Why the count is enough: each side stores only whole records and drops a record a piece boundary cut, so the
 * values of the section (3 × count of them, checked by the sequential reader) make up exactly `count` records on
 * both sides only if every piece, and the worker's part, ended on a record boundary, with no gap or overlap.
 */
export function joinSplit(answer: Extract<EdgeJobResult, { kind: 'split' }>, share: TailShare | undefined, edgeCount: number, close: number | undefined): EdgeJobResult | undefined {
  if (!share?.valid || close === undefined || answer.records + share.records !== edgeCount) return undefined;
  return { kind: 'done', maxNameIndex: Math.max(answer.maxNameIndex, share.maxNameIndex), start: answer.start, end: close + 1 };
}

/** Rebuilds the worker's InputError in this thread (same message, same position). */
export function edgeJobError(result: Extract<EdgeJobResult, { kind: 'error' }>): InputError {
  return new InputError(result.message, result.position);
}
