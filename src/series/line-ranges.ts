// Cuts a file into byte ranges at line boundaries, so that each range can be read by its own thread.
import { closeSync, readSync } from 'node:fs';
import { fileError } from '../errors.js';
import { openForReading, type ByteRange } from './line-scanner.js';

/** How much is read at a time while looking for the newline after a nominal cut point. */
const PROBE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** The index just after the first newline at or after `from`, or `size` when the rest of the file is one line. */
function nextLineStart(fd: number, from: number, size: number, probe: Buffer): number {
  for (let position = from; position < size; position += probe.length) {
    const bytesRead = readSync(fd, probe, 0, Math.min(probe.length, size - position), position);
    if (bytesRead === 0) break;
    const newline = probe.indexOf(NEWLINE);
    if (newline !== -1 && newline < bytesRead) return position + newline + 1;
  }
  return size;
}

/**
 * Splits `file` (`size` bytes) into at most `parts` ranges of about equal size, each starting at a line start
 * and ending just after a newline (the last at EOF). A cut that lands inside a long line moves to the end of
 * that line; cuts that meet are merged, so a file that is one long line stays one range.
 */
export function splitAtLines(file: string, size: number, parts: number): ByteRange[] {
  const fd = openForReading(file);
  try {
    const probe = Buffer.allocUnsafe(PROBE_BYTES);
    const ranges: ByteRange[] = [];
    let start = 0;
    for (let part = 1; part < parts && start < size; part++) {
      const nominal = Math.floor((size * part) / parts);
      // Search from the byte before the nominal cut: if that byte is a newline, the cut is already a line start.
      const cut = nextLineStart(fd, Math.max(start, nominal - 1), size, probe);
      if (cut >= size) break;
      if (cut > start) {
        ranges.push({ start, end: cut });
        start = cut;
      }
    }
    ranges.push({ start, end: size });
    return ranges;
  } catch (error) {
    throw fileError(file, error);
  } finally {
    closeSync(fd);
  }
}
