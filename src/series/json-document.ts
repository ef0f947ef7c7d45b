// Whole-document JSON samples: an array of records, or an object holding one (`{"samples": [...]}`).
import path from 'node:path';
import { InputError } from '../errors.js';
import { FieldTree } from './field-tree.js';
import { ROW_PROBLEMS } from './ndjson.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';
import { applyRecord } from './record-values.js';
import { SampleAccumulator } from './sample-accumulator.js';
import { parseJsonDocument } from './json-position.js';

/** Keys under which a document object may hold its sample array. */
const ARRAY_KEYS = ['samples', 'data', 'series', 'metrics'];

/** Reads samples from a parsed JSON text; record numbers stand in for line numbers in problems. */
export function readJsonDocument(text: string, context: ReadContext): ReaderOutput {
  const document = parseJsonDocument(text, context.file);
  let records: unknown = document;
  if (!Array.isArray(records) && records !== null && typeof records === 'object') {
    const holder = ARRAY_KEYS.find((key) => Array.isArray((records as Record<string, unknown>)[key]));
    if (holder) records = (records as Record<string, unknown>)[holder];
  }
  if (!Array.isArray(records)) throw new InputError('JSON document is neither an array of samples nor {"samples": [...]}', { file: context.file, line: 1 });
  const accumulator = new SampleAccumulator(context.file, path.basename(context.file));
  const tree = new FieldTree(accumulator, context.metricMap);
  records.forEach((record, index) => {
    const position = index + 1;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      context.problems.add(context.file, position, `array element ${position} is not an object`);
      return;
    }
    accumulator.beginRow();
    applyRecord(accumulator, tree.root, record as Record<string, unknown>);
    const outcome = accumulator.commitRow();
    if (outcome !== 'kept') context.problems.add(context.file, position, `array element ${position}: ${ROW_PROBLEMS[outcome]}`);
  });
  return { ...accumulator.finish(), sockets: [] };
}
