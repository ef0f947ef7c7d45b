// The registry of format readers: format name → function that reads one file of it.
import { readFile } from 'node:fs/promises';
import { fileError } from '../errors.js';
import type { SeriesFormat } from './detect-format.js';
import { readJsonDocument } from './json-document.js';
import { readNdjsonFile } from './ndjson.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';
import { readCsvFile } from './csv.js';
import { readPrometheusRange } from './prometheus-range.js';
import { readPrometheusTextFile } from './prometheus-text.js';
import { readReport } from './report.js';
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
  if (size > MAX_JSON_DOCUMENT_BYTES) return readNdjsonFile(context, size);
  return readJsonDocument(await readWholeText(context), context);
}

export const FORMAT_READERS: Record<SeriesFormat, FormatReader> = {
  csv: readCsvFile,
  json: readJson,
  ndjson: readNdjsonFile,
  'prometheus-range': async (context) => readPrometheusRange(await readWholeText(context), context),
  'prometheus-text': readPrometheusTextFile,
  report: async (context) => readReport(await readWholeText(context), context),
  'trace-gc': readTraceGcFile,
  'trace-gc-nvp': readTraceGcFile,
};
