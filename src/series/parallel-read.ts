// Reads a big line-based file on several threads: this thread reads the first byte range, workers the rest,
// and their parts are merged in file order (columns concatenated, line numbers offset).
import type { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { compiledWorkerFile, startWorker } from '../worker-file.js';
import { splitAtLines } from './line-ranges.js';
import type { ByteRange, ScanResult } from './line-scanner.js';
import type { ProblemsPart } from './problems.js';
import type { ReadContext } from './reader-context.js';

/** The line formats that can be read in parts (each line stands alone; CSV needs its header, so not CSV). */
export type PartFormat = 'ndjson' | 'trace-gc';

/** What the worker script is given (structured-cloned). */
export interface RangeJob {
  format: PartFormat;
  file: string;
  range: ByteRange;
  metricMap: ReadContext['metricMap'];
  start?: number;
  mtimeMs: number;
}

/** What it sends back: its part, its problems (line numbers from the range's first line) and its line count; or an error. */
export type RangeReply<Part> =
  | { part: Part; problems: ProblemsPart; lines: number }
  | { inputError: { message: string; line?: number; offset?: number } }
  | { crash: string };

/** The compiled worker module (see worker-file.ts); undefined: files are read on this thread alone. */
const WORKER_FILE = compiledWorkerFile(import.meta.url, 'range-worker');

/** The worker module this reader starts, if any (tests check that the split read really is one). */
export function rangeWorkerFile(): string | undefined {
  return WORKER_FILE;
}

/** The byte ranges to read `context.file` in, or undefined when it is read on this thread alone. */
export function rangesFor(context: ReadContext, size: number): ByteRange[] | undefined {
  const parallel = context.parallel;
  if (!WORKER_FILE || !parallel || parallel.threads < 2 || size < parallel.minBytes) return undefined;
  const ranges = splitAtLines(context.file, size, parallel.threads);
  return ranges.length > 1 ? ranges : undefined;
}

function startRangeWorker<Part>(job: RangeJob): { worker: Worker; reply: Promise<RangeReply<Part>> } {
  const worker = startWorker(WORKER_FILE!, job);
  const reply = new Promise<RangeReply<Part>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`series reader worker exited (code ${code}) before replying`)));
  });
  // Awaited in file order later; a failure elsewhere first must not become an unhandled rejection.
  reply.catch(() => undefined);
  return { worker, reply };
}

/**
 * Reads `ranges[0]` here with `readHere` while workers read the other ranges into parts, then hands each part
 * to `absorb` in file order with the number of lines before it. Problems and errors of a part get file line
 * numbers. Workers are stopped when done or on the first failure.
 */
export async function readRanges<Part>(context: ReadContext, format: PartFormat, ranges: readonly ByteRange[], readHere: (range: ByteRange) => Promise<ScanResult>, absorb: (part: Part, lineOffset: number) => void): Promise<void> {
  const { file, metricMap, start, mtimeMs } = context;
  const workers = ranges.slice(1).map((range) => startRangeWorker<Part>({ format, file, range, metricMap, start, mtimeMs }));
  try {
    let lineOffset = (await readHere(ranges[0])).lines;
    for (const { reply } of workers) {
      const message = await reply;
      if ('crash' in message) throw new Error(`series reader worker failed: ${message.crash}`);
      if ('inputError' in message) {
        const { message: text, line, offset } = message.inputError;
        throw new InputError(text, { file, line: line === undefined ? undefined : line + lineOffset, offset });
      }
      context.problems.absorb(message.problems, lineOffset);
      absorb(message.part, lineOffset);
      lineOffset += message.lines;
    }
  } finally {
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }
}
