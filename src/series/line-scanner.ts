// Streams a file as lines of bytes through one reused buffer: no whole-file string, no per-line split.
import { open } from 'node:fs/promises';
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

/** Streams `file` line by line; file errors become InputError naming the file. */
export async function scanFileLines(file: string, onLine: LineHandler): Promise<ScanResult> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileError(file, error);
  }
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let lineNumber = 1;
    let bytes = 0;
    for (;;) {
      if (filled === buffer.length) {
        if (buffer.length >= MAX_LINE_BYTES) throw new InputError(`line longer than ${MAX_LINE_BYTES} bytes: not a metrics file`, { file, line: lineNumber });
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      bytes += bytesRead;
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
    await handle.close();
  }
}
