// Streams a file as lines of bytes through one reused buffer: no whole-file string, no per-line split.
import { closeSync, openSync, readSync } from 'node:fs';
import { fileError, InputError } from '../errors.js';

/** Receives one line without its terminator (`\n` or `\r\n`); `buffer` is reused, copy what you keep. */
export type LineHandler = (buffer: Buffer, start: number, end: number, lineNumber: number) => void;

/** Read size: large enough that syscalls and awaits vanish in the cost, small enough to stay in L2/L3-ish. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** A longer line is not a metric line: refuse rather than buffer a whole minified file as one line. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export interface ScanResult {
  bytes: number;
  lines: number;
}

/** A byte range `[start, end)` of a file that begins at a line start and ends after a newline or at EOF. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Calls `onLine` for every line of `buffer[from, to)` that is terminated by a newline; returns where the
 * unterminated remainder starts and the next line number.
 */
export function scanCompleteLines(buffer: Buffer, from: number, to: number, firstLine: number, onLine: LineHandler): { rest: number; nextLine: number } {
  let start = from;
  let lineNumber = firstLine;
  for (;;) {
    const newline = buffer.indexOf(NEWLINE, start);
    if (newline === -1 || newline >= to) break;
    const end = newline > start && buffer[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
    onLine(buffer, start, end, lineNumber++);
    start = newline + 1;
  }
  return { rest: start, nextLine: lineNumber };
}

/** Scans a whole in-memory buffer (a fetched body, a test string) line by line. */
export function scanBufferLines(buffer: Buffer, onLine: LineHandler): ScanResult {
  const { rest, nextLine } = scanCompleteLines(buffer, 0, buffer.length, 1, onLine);
  let lines = nextLine - 1;
  if (rest < buffer.length) {
    const end = buffer[buffer.length - 1] === CARRIAGE_RETURN ? buffer.length - 1 : buffer.length;
    onLine(buffer, rest, end, nextLine);
    lines++;
  }
  return { bytes: buffer.length, lines };
}

/** Opens `file` for synchronous reads; a failure is an InputError naming the file. */
export function openForReading(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (error) {
    throw fileError(file, error);
  }
}

/**
 * Streams `file` (or only `range` of it, numbering its lines from 1) line by line; file errors become
 * InputError naming the file. Reads are synchronous on purpose: the CLI has nothing else to do meanwhile,
 * and each async read would cost a thread-pool hop (which on a loaded machine costs more than the read).
 */
export async function scanFileLines(file: string, onLine: LineHandler, range?: ByteRange): Promise<ScanResult> {
  const fd = openForReading(file);
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let lineNumber = 1;
    let bytes = 0;
    let position = range?.start ?? 0;
    const stop = range?.end ?? Infinity;
    for (;;) {
      if (filled === buffer.length) {
        if (buffer.length >= MAX_LINE_BYTES) throw new InputError(`line longer than ${MAX_LINE_BYTES} bytes: not a metrics file`, { file, line: lineNumber });
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const bytesRead = readSync(fd, buffer, filled, Math.min(buffer.length - filled, stop - position), position);
      if (bytesRead === 0) break;
      bytes += bytesRead;
      position += bytesRead;
      const end = filled + bytesRead;
      const { rest, nextLine } = scanCompleteLines(buffer, 0, end, lineNumber, onLine);
      lineNumber = nextLine;
      buffer.copy(buffer, 0, rest, end);
      filled = end - rest;
    }
    if (filled > 0) {
      const end = buffer[filled - 1] === CARRIAGE_RETURN ? filled - 1 : filled;
      onLine(buffer, 0, end, lineNumber++);
    }
    return { bytes, lines: lineNumber - 1 };
  } catch (error) {
    // Only I/O failures become "bad input"; a bug in a line handler must surface as itself.
    if ((error as NodeJS.ErrnoException).code !== undefined && !(error instanceof InputError)) throw fileError(file, error);
    throw error;
  } finally {
    closeSync(fd);
  }
}
