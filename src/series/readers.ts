// The registry of format readers: format name → function that reads one file of it.
import { readFile } from 'node:fs/promises';
import { fileError, InputError } from '../errors.js';
import type { SeriesFormat } from './detect-format.js';
import { readJsonDocument } from './json-document.js';
import { readNdjsonFile } from './ndjson.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';
import { readTraceGcFile } from './trace-gc.js';

export type FormatReader = (context: ReadContext, size: number) => Promise<ReaderOutput>;

/** Whole-document JSON above this is read line by line instead (V8 strings stop near 512 MB). */
const MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024;

export async function readWholeText(context: ReadContext): Promise<string> {
  try {
    return await readFile(context.file, 'utf8');
  } catch (error) {
    throw fileError(context.file, error);
  }
}

async function readJson(context: ReadContext, size: number): Promise<ReaderOutput> {
  if (size > MAX_JSON_DOCUMENT_BYTES) return readNdjsonFile(context);
  return readJsonDocument(await readWholeText(context), context);
}

function notYet(format: SeriesFormat): FormatReader {
  return async (context) => {
    throw new InputError(`the ${format} reader is not available in this build`, { file: context.file });
  };
}

export const FORMAT_READERS: Record<SeriesFormat, FormatReader> = {
  csv: notYet('csv'),
  json: readJson,
  ndjson: readNdjsonFile,
  'prometheus-range': notYet('prometheus-range'),
  'prometheus-text': notYet('prometheus-text'),
  report: notYet('report'),
  'trace-gc': readTraceGcFile,
  'trace-gc-nvp': readTraceGcFile,
};
