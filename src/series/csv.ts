// CSV (or TSV) samples with a header row, including clinic doctor's debug CSV (`memory.heapUsed`, ", " separators).
import path from 'node:path';
import { FieldTree, type FieldNode } from './field-tree.js';
import { scanFileLines } from './line-scanner.js';
import { ROW_PROBLEMS } from './ndjson.js';
import { excerpt } from './problems.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';
import { applyText } from './record-values.js';
import { SampleAccumulator } from './sample-accumulator.js';

const DELIMITERS = [',', ';', '\t'] as const;

/** Splits one CSV line; quoted cells may hold delimiters and doubled quotes. Cells are trimmed. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter).map((cell) => cell.trim());
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

/** The delimiter that splits the header into the most columns. */
function pickDelimiter(header: string): string {
  return [...DELIMITERS].sort((a, b) => header.split(b).length - header.split(a).length)[0];
}

/** A header cell → its field node; dotted names (`memory.rss`) are paths, as in JSON. */
function columnNode(tree: FieldTree, name: string): FieldNode {
  const unquoted = name.replace(/^"|"$/g, '');
  const node = tree.metricMap.has(unquoted) ? tree.root.childNamed(unquoted) : unquoted.split('.').reduce((parent, part) => parent.childNamed(part), tree.root);
  return node;
}

export async function readCsvFile(context: ReadContext): Promise<ReaderOutput> {
  const accumulator = new SampleAccumulator(context.file, path.basename(context.file));
  const tree = new FieldTree(accumulator, context.metricMap);
  let delimiter = ',';
  let columns: FieldNode[] | undefined;
  await scanFileLines(context.file, (buffer, start, end, lineNumber) => {
    const line = buffer.toString('utf8', start, end);
    if (line.trim() === '' || line.startsWith('#')) return;
    if (!columns) {
      delimiter = pickDelimiter(line);
      columns = splitCsvLine(line.replace(/^\uFEFF/, ''), delimiter).map((name) => columnNode(tree, name));
      return;
    }
    const cells = splitCsvLine(line, delimiter);
    if (cells.length !== columns.length) {
      context.problems.add(context.file, lineNumber, `${cells.length} cells where the header has ${columns.length}: ${excerpt(line)}`);
      return;
    }
    accumulator.beginRow();
    for (let i = 0; i < cells.length; i++) if (cells[i] !== '') applyText(accumulator, columns[i], cells[i]);
    const outcome = accumulator.commitRow();
    if (outcome !== 'kept') context.problems.add(context.file, lineNumber, ROW_PROBLEMS[outcome]);
  });
  return { ...accumulator.finish(), sockets: [] };
}
