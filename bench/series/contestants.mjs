// The readers compared: pooldoc's, and the ways people usually read NDJSON and trace-gc logs in Node.
// Every contestant ends with the same data: time, heapUsed, heapTotal, rss columns (and GC events for trace-gc).
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import readline from 'node:readline';
import ndjson from 'ndjson';
import split2 from 'split2';

const pooldoc = await import('../../dist/src/series/index.js');

/** Columns as plain arrays: what a hand-written script would keep. */
function sink() {
  const columns = { time: [], heapUsed: [], heapTotal: [], rss: [] };
  return {
    columns,
    add(record) {
      columns.time.push(typeof record.ts === 'string' ? Date.parse(record.ts) : record.ts);
      columns.heapUsed.push(record.heapUsed ?? record.used_heap_size);
      columns.heapTotal.push(record.heapTotal ?? record.total_heap_size);
      columns.rss.push(record.rss);
    },
  };
}

async function readlineJson(file) {
  const { columns, add } = sink();
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line) add(JSON.parse(line));
  return columns.time.length;
}

function streamJson(file, parser) {
  const { columns, add } = sink();
  return new Promise((resolve, reject) => {
    createReadStream(file).pipe(parser).on('data', add).on('end', () => resolve(columns.time.length)).on('error', reject);
  });
}

/** The obvious trace-gc parser: readline and one regular expression per line. */
const TRACE_GC_REGEX = /^\[(\d+):(0x[0-9a-f]+)\]\s+([\d.]+) ms: (.+?) ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \//;

async function readlineRegex(file) {
  const events = [];
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    const match = TRACE_GC_REGEX.exec(line);
    if (!match) continue;
    events.push({ time: Number(match[3]), kind: match[4].startsWith('Mark-') ? 'major' : 'minor', heapBefore: Number(match[5]) * 1048576, heapAfter: Number(match[7]) * 1048576, pauseMs: Number(match[9]) });
  }
  return events.length;
}

/** `threads` undefined: pooldoc's default (big files split across the CPUs, at most 4); 1: one thread. */
async function pooldocRead(file, format, { materialize = false, threads } = {}) {
  const result = await pooldoc.readSeries([file], { format, parallel: threads === undefined ? undefined : { threads } });
  if (result.unparsedLines !== 0) throw new Error(`pooldoc: ${result.unparsedLines} unparsed lines: ${JSON.stringify(result.problems[0])}`);
  // gcEvents is built from the columns on first use: this variant pays for the objects too.
  if (materialize) return result.memory.reduce((sum, series) => sum + series.gcEvents.length, 0);
  return result.memory.reduce((sum, series) => sum + series.time.length, 0);
}

/**
 * The ceiling of one thread on this machine at this moment: read 4 MB chunks and touch every byte once in JS
 * (count newlines). No reader that looks at each byte in JS on one thread can beat it (pooldoc's line
 * splitting uses the native indexOf, but its field scanning is JS); ratios to it travel between machines.
 */
function byteLoop(file) {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
  let lines = 0;
  for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) for (let i = 0; i < read; i++) if (buffer[i] === 10) lines++;
  closeSync(fd);
  return lines;
}

/** name → { input: 'ndjson' | 'trace-gc', run(file) → rows }. The first of each input is the reference. */
export const CONTESTANTS = {
  'pooldoc readSeries (ndjson)': { input: 'ndjson', run: (file) => pooldocRead(file, 'ndjson') },
  'pooldoc, one thread (ndjson)': { input: 'ndjson', run: (file) => pooldocRead(file, 'ndjson', { threads: 1 }) },
  'bare JS byte loop (ceiling)': { input: 'ndjson', run: byteLoop },
  'readline + JSON.parse': { input: 'ndjson', run: readlineJson },
  'split2 + JSON.parse': { input: 'ndjson', run: (file) => streamJson(file, split2(JSON.parse)) },
  'ndjson (npm) parse()': { input: 'ndjson', run: (file) => streamJson(file, ndjson.parse()) },
  'pooldoc readSeries (trace-gc)': { input: 'trace-gc', run: (file) => pooldocRead(file, 'trace-gc') },
  'pooldoc, one thread (trace-gc)': { input: 'trace-gc', run: (file) => pooldocRead(file, 'trace-gc', { threads: 1 }) },
  'pooldoc + gcEvents objects': { input: 'trace-gc', run: (file) => pooldocRead(file, 'trace-gc', { materialize: true }) },
  'bare JS byte loop (ceiling) ': { input: 'trace-gc', run: byteLoop },
  'readline + regex': { input: 'trace-gc', run: readlineRegex },
};
