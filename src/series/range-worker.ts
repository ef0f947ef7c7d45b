// Worker thread script: reads one byte range of a big NDJSON or trace-gc file into a part for the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { readNdjsonPart } from './ndjson.js';
import type { RangeJob, RangeReply } from './parallel-read.js';
import { ProblemLog } from './problems.js';
import type { ReadContext } from './reader-context.js';
import { readTraceGcPart } from './trace-gc.js';

const PART_READERS = { ndjson: readNdjsonPart, 'trace-gc': readTraceGcPart };

/** The ArrayBuffers under every typed array in `value`: moved to the main thread, not copied. */
function transferables(value: unknown, found = new Set<ArrayBuffer>()): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(value)) found.add(value.buffer as ArrayBuffer);
  else if (Array.isArray(value)) for (const item of value) transferables(item, found);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) transferables(item, found);
  return found;
}

async function run(job: RangeJob): Promise<{ reply: RangeReply<unknown>; transfer: ArrayBuffer[] }> {
  const problems = new ProblemLog();
  const context: ReadContext = { file: job.file, problems, metricMap: job.metricMap, start: job.start, mtimeMs: job.mtimeMs };
  try {
    const { part, lines } = await PART_READERS[job.format](context, job.range);
    return { reply: { part, problems: { kept: problems.kept, unparsedLines: problems.unparsedLines }, lines }, transfer: [...transferables(part)] };
  } catch (error) {
    if (error instanceof InputError && error.position) {
      // The position is re-added by the main thread, with the line counted from the file's start.
      return { reply: { inputError: { message: error.detail, line: error.position.line, offset: error.position.offset } }, transfer: [] };
    }
    return { reply: { crash: (error as Error).stack ?? String(error) }, transfer: [] };
  }
}

const { reply, transfer } = await run(workerData as RangeJob);
parentPort!.postMessage(reply, transfer);
