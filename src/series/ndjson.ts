// NDJSON / JSON-lines reader for process.memoryUsage() + v8.getHeapStatistics() samples and pool counters.
import path from 'node:path';
import { skipBlanks } from './byte-numbers.js';
import { FieldTree } from './field-tree.js';
import { scanBufferLines, scanFileLines, type ByteRange } from './line-scanner.js';
import { FALLBACK, scanObject } from './ndjson-scanner.js';
import { readRanges, rangesFor } from './parallel-read.js';
import { excerpt } from './problems.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';
import { applyRecord } from './record-values.js';
import { SampleAccumulator, type RowOutcome } from './sample-accumulator.js';
import type { AccumulatorPart } from './sample-parts.js';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/** Row outcomes → the problem text shown with the line number. */
export const ROW_PROBLEMS: Record<Exclude<RowOutcome, 'kept'>, string> = {
  'no-time': 'no usable timestamp (ts, time or timestamp: ISO string or epoch s/ms)',
  'no-values': 'no memory or pool field (heapUsed, rss, used_heap_size, pools.<name>.waiting, …)',
};

/** A line reader bound to one file's accumulator; shared by the file and in-memory entry points. */
function lineReader(context: ReadContext, accumulator: SampleAccumulator) {
  const tree = new FieldTree(accumulator, context.metricMap);
  return (buffer: Buffer, start: number, end: number, lineNumber: number): void => {
    const first = skipBlanks(buffer, start, end);
    if (first === end) return;
    const opener = buffer[first];
    // JSON arrays written one element per line: the bracket lines carry no data.
    if (opener === OPEN_BRACKET || opener === CLOSE_BRACKET) {
      const rest = skipBlanks(buffer, first + 1, end);
      if (rest === end || (rest === end - 1 && buffer[rest] === COMMA)) return;
    }
    if (opener !== OPEN_BRACE) {
      context.problems.add(context.file, lineNumber, `not a JSON object: ${excerpt(buffer.toString('utf8', first, Math.min(end, first + 80)))}`);
      return;
    }
    accumulator.beginRow();
    let after = scanObject(buffer, first, end, tree.root, accumulator, 0);
    if (after !== FALLBACK) {
      after = skipBlanks(buffer, after, end);
      if (after < end && buffer[after] === COMMA) after = skipBlanks(buffer, after + 1, end);
    }
    if (after !== end) {
      // Escapes, odd shapes or broken JSON: the exact parser decides, and names the error.
      accumulator.beginRow();
      let text = buffer.toString('utf8', first, end).trimEnd();
      if (text.endsWith(',')) text = text.slice(0, -1);
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (error) {
        context.problems.add(context.file, lineNumber, `invalid JSON (${(error as Error).message}): ${excerpt(text)}`);
        return;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        context.problems.add(context.file, lineNumber, `not a JSON object: ${excerpt(text)}`);
        return;
      }
      applyRecord(accumulator, tree.root, record as Record<string, unknown>);
    }
    const outcome = accumulator.commitRow();
    if (outcome !== 'kept') context.problems.add(context.file, lineNumber, ROW_PROBLEMS[outcome]);
  };
}

function output(accumulator: SampleAccumulator): ReaderOutput {
  return { ...accumulator.finish(), sockets: [] };
}

/**
 * Streams an NDJSON file (also a JSON array written one element per line); a big one (`size` bytes) is read
 * in byte ranges on several threads when `context.parallel` says so.
 */
export async function readNdjsonFile(context: ReadContext, size = 0): Promise<ReaderOutput> {
  const accumulator = new SampleAccumulator(context.file, path.basename(context.file));
  const onLine = lineReader(context, accumulator);
  const ranges = rangesFor(context, size);
  if (ranges) await readRanges(context, 'ndjson', ranges, (range) => scanFileLines(context.file, onLine, range), (part: AccumulatorPart) => accumulator.absorb(part));
  else await scanFileLines(context.file, onLine);
  return output(accumulator);
}

/** Reads one byte range of an NDJSON file into a part (on a worker thread). */
export async function readNdjsonPart(context: ReadContext, range: ByteRange): Promise<{ part: AccumulatorPart; lines: number }> {
  const accumulator = new SampleAccumulator(context.file, path.basename(context.file));
  const { lines } = await scanFileLines(context.file, lineReader(context, accumulator), range);
  return { part: accumulator.toPart(), lines };
}

/** The same over bytes already in memory. */
export function readNdjsonBuffer(buffer: Buffer, context: ReadContext): ReaderOutput {
  const accumulator = new SampleAccumulator(context.file, path.basename(context.file));
  scanBufferLines(buffer, lineReader(context, accumulator));
  return output(accumulator);
}
