// `node --trace-gc` and `--trace-gc-nvp` logs (Node 18–24) → one heap series with GC events per pid:isolate.
import { cursor, isDigit, scanNumber, skipBlanks } from './byte-numbers.js';
import { keyBytesMatch, wordsOf } from './field-tree.js';
import { IsolateGroups, type IsolateGroup, type IsolateGroupsPart } from './gc-isolates.js';
import { scanBufferLines, scanFileLines, type ByteRange, type LineHandler } from './line-scanner.js';
import { readRanges, rangesFor } from './parallel-read.js';
import { excerpt } from './problems.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';
import { parseNvpFields } from './trace-gc-nvp.js';

/** V8 prints sizes in "MB" meaning MiB (`MB` in gc-tracer.cc divides by 1024 * 1024). */
const MIB = 1024 * 1024;

const OPEN_BRACKET = 0x5b;
const CLOSE_PAREN = 0x29;
const MINUS = 0x2d;
const GREATER = 0x3e;
const COMMA = 0x2c;
const OPEN_PAREN = 0x28;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const SPACE = 0x20;
const LOWER_X = 0x78;
const LOWER_P = 0x70;
const UPPER_M = 0x4d;
const UPPER_S = 0x53;

/** Known collection names, looked up by bytes so that a line costs no string; new names are added as met. */
const gcTypes: { bytes: Buffer; words: Uint32Array; text: string; major: boolean }[] = [];
/** The index of the last type seen: consecutive lines are mostly Scavenges. */
let lastType = -1;

/** The index in `gcTypes` of the name in `buffer[start, end)`. */
function gcType(buffer: Buffer, start: number, end: number): number {
  const length = end - start;
  if (lastType >= 0 && gcTypes[lastType].bytes.length === length && keyBytesMatch(gcTypes[lastType].bytes, gcTypes[lastType].words, buffer, start)) return lastType;
  for (let index = 0; index < gcTypes.length; index++) {
    const type = gcTypes[index];
    if (type.bytes.length === length && keyBytesMatch(type.bytes, type.words, buffer, start)) return (lastType = index);
  }
  // Major: Mark-sweep (Node 18), Mark-Compact (20+); minor: Scavenge, Minor Mark-Compact/Mark-Sweep.
  const text = buffer.toString('latin1', start, end);
  return (lastType = addType(text, text.startsWith('Mark-')));
}

function addType(text: string, major: boolean): number {
  const bytes = Buffer.from(text, 'latin1');
  return gcTypes.push({ bytes, words: wordsOf(bytes), text, major }) - 1;
}

/** `gc=<code>` names of nvp lines share the type table. */
function nvpType(code: string, major: boolean): number {
  const text = `gc=${code}`;
  let index = gcTypes.findIndex((type) => type.text === text);
  if (index === -1) index = addType(text, major);
  return index;
}

/** Index after the next `byte` at or after `start` (a short JS scan: cheaper than a native call here). */
function skipPast(buffer: Buffer, start: number, end: number, byte: number): number {
  let i = start;
  while (i < end && buffer[i] !== byte) i++;
  return i < end ? i + 1 : -1;
}

function scanHex(buffer: Buffer, start: number, end: number): number {
  let value = 0;
  let i = start;
  for (; i < end; i++) {
    const byte = buffer[i] | 0x20;
    const digit = byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : byte >= 0x61 && byte <= 0x66 ? byte - 0x57 : -1;
    if (digit < 0) break;
    value = value * 16 + digit;
  }
  cursor.end = i;
  return i === start ? Number.NaN : value;
}

/** Index after `text` if it is at `at`, else -1. */
function expect(buffer: Buffer, at: number, text: string): number {
  for (let k = 0; k < text.length; k++) if (buffer[at + k] !== text.charCodeAt(k)) return -1;
  return at + text.length;
}

/**
 * Parses the classic line body after `ms: `:
 * `Type[ (reduce)] 35.9 (56.2) -> 20.0 (55.2) MB, [pooled: 26 MB, ]23.9 / 0.0 ms …`. Returns false if not one.
 */
function parseClassic(buffer: Buffer, start: number, end: number, group: IsolateGroup, ms: number): boolean {
  // The type runs up to the first space followed by a digit (names contain spaces and parentheses).
  let typeEnd = start;
  while (typeEnd + 1 < end && !(buffer[typeEnd] === SPACE && isDigit(buffer[typeEnd + 1]))) typeEnd++;
  if (typeEnd + 1 >= end) return false;
  const first = buffer[start];
  if (first !== UPPER_M && first !== UPPER_S) return false;
  const before = scanNumber(buffer, typeEnd + 1, end);
  // Skip the committed size before the collection: ` (56.2) -> `.
  let i = skipPast(buffer, cursor.end, end, CLOSE_PAREN);
  if (i < 0 || buffer[i + 1] !== MINUS || buffer[i + 2] !== GREATER) return false;
  const after = scanNumber(buffer, i + 4, end);
  i = cursor.end;
  if (buffer[i] !== SPACE || buffer[i + 1] !== OPEN_PAREN) return false;
  const totalAfter = scanNumber(buffer, i + 2, end);
  i = expect(buffer, cursor.end, ') MB, ');
  if (i < 0) return false;
  if (buffer[i] === LOWER_P) {
    // Node 22+: `pooled: 26 MB, ` (pages kept for reuse) before the pause.
    i = skipPast(buffer, i, end, COMMA);
    if (i < 0) return false;
    i++;
  }
  const pauseMs = scanNumber(buffer, i, end);
  if (Number.isNaN(before) || Number.isNaN(after) || Number.isNaN(pauseMs)) return false;
  const type = gcType(buffer, start, typeEnd);
  group.gc.push(ms, gcTypes[type].major, Math.round(before * MIB), Math.round(after * MIB), pauseMs, Math.round(totalAfter * MIB), type);
  return true;
}

function lineReader(context: ReadContext, groups: IsolateGroups): LineHandler {
  const unrecognised = (buffer: Buffer, start: number, end: number, lineNumber: number) =>
    context.problems.add(context.file, lineNumber, `not a trace-gc line: ${excerpt(buffer.toString('utf8', start, Math.min(end, start + 80)))}`);
  // The `[pid:0xisolate]` prefix repeats line after line: comparing it with the last one's bytes is cheaper
  // than parsing its two numbers again.
  let lastPrefix = Buffer.alloc(0);
  let lastPrefixWords: Uint32Array = new Uint32Array(0);
  let lastPid = 0;
  let lastIsolate = 0;
  return (buffer, start, end, lineNumber) => {
    const first = skipBlanks(buffer, start, end);
    if (first === end) return;
    // `[pid:0xisolate]` or, with --trace-gc-nvp on Node 24, `[pid:0xisolate:0]`.
    if (buffer[first] !== OPEN_BRACKET) return unrecognised(buffer, start, end, lineNumber);
    let pid = lastPid;
    let isolate = lastIsolate;
    let i = first + lastPrefix.length - 1;
    if (lastPrefix.length === 0 || i >= end || buffer[i] !== CLOSE_BRACKET || !keyBytesMatch(lastPrefix, lastPrefixWords, buffer, first)) {
      pid = scanNumber(buffer, first + 1, end);
      i = cursor.end;
      if (Number.isNaN(pid) || buffer[i] !== COLON || buffer[i + 1] !== 0x30 || buffer[i + 2] !== LOWER_X) return unrecognised(buffer, start, end, lineNumber);
      isolate = scanHex(buffer, i + 3, end);
      i = cursor.end;
      if (buffer[i] === COLON) {
        scanNumber(buffer, i + 1, end);
        i = cursor.end;
      }
      if (Number.isNaN(isolate) || buffer[i] !== CLOSE_BRACKET) return unrecognised(buffer, start, end, lineNumber);
      lastPrefix = Buffer.from(buffer.subarray(first, i + 1));
      lastPrefixWords = wordsOf(lastPrefix);
      lastPid = pid;
      lastIsolate = isolate;
    }
    const ms = scanNumber(buffer, skipBlanks(buffer, i + 1, end), end);
    i = expect(buffer, cursor.end, ' ms: ');
    if (Number.isNaN(ms) || i < 0) return unrecognised(buffer, start, end, lineNumber);
    const group = groups.groupFor(pid, isolate);
    const parsed = expect(buffer, i, 'pause=') >= 0 ? parseNvpLine(buffer, i, end, group, ms) : parseClassic(buffer, i, end, group, ms);
    if (!parsed) return unrecognised(buffer, start, end, lineNumber);
    groups.noteLine(group, ms, lineNumber);
  };
}

/** `pause=… gc=mc … total_size_before=… total_size_after=…` (Node 18–22) or `start_object_size=…` (Node 24). */
function parseNvpLine(buffer: Buffer, start: number, end: number, group: IsolateGroup, ms: number): boolean {
  const fields = parseNvpFields(buffer.toString('latin1', start, end));
  if (!fields) return false;
  group.gc.push(ms, fields.major, fields.heapBefore, fields.heapAfter, fields.pauseMs, fields.heapTotalAfter ?? Number.NaN, nvpType(fields.code, fields.major));
  return true;
}

/** One byte range of a log read on a worker thread: its isolates and the type names its indexes refer to. */
export interface TraceGcPart {
  groups: IsolateGroupsPart;
  types: { text: string; major: boolean }[];
}

/** Indexes in this thread's type table of another thread's types (adding the ones not met here yet). */
function typeIndexMap(types: TraceGcPart['types']): number[] {
  return types.map(({ text, major }) => {
    const index = gcTypes.findIndex((type) => type.text === text);
    return index >= 0 ? index : addType(text, major);
  });
}

/** Streams a trace-gc log file; a big one (`size` bytes) is read in byte ranges on several threads when `context.parallel` says so. */
export async function readTraceGcFile(context: ReadContext, size = 0): Promise<ReaderOutput> {
  const groups = new IsolateGroups();
  const onLine = lineReader(context, groups);
  const ranges = rangesFor(context, size);
  if (ranges) {
    const absorb = (part: TraceGcPart, lineOffset: number) => groups.absorb(part.groups, lineOffset, typeIndexMap(part.types));
    await readRanges(context, 'trace-gc', ranges, (range) => scanFileLines(context.file, onLine, range), absorb);
  } else await scanFileLines(context.file, onLine);
  return { memory: groups.finish(context, gcTypes.map((type) => type.text)), pools: [], sockets: [] };
}

/** Reads one byte range of a log into a part (on a worker thread). */
export async function readTraceGcPart(context: ReadContext, range: ByteRange): Promise<{ part: TraceGcPart; lines: number }> {
  const groups = new IsolateGroups();
  const { lines } = await scanFileLines(context.file, lineReader(context, groups), range);
  return { part: { groups: groups.toPart(), types: gcTypes.map(({ text, major }) => ({ text, major })) }, lines };
}

/** The same over bytes in memory. */
export function readTraceGcBuffer(buffer: Buffer, context: ReadContext): ReaderOutput {
  const groups = new IsolateGroups();
  scanBufferLines(buffer, lineReader(context, groups));
  return { memory: groups.finish(context, gcTypes.map((type) => type.text)), pools: [], sockets: [] };
}

