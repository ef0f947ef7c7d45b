// `node --trace-gc` and `--trace-gc-nvp` logs (Node 18–24) → one heap series with GC events per pid:isolate.
import { cursor, isDigit, scanNumber, skipBlanks } from './byte-numbers.js';
import { IsolateGroups, type IsolateGroup } from './gc-isolates.js';
import { scanBufferLines, scanFileLines, type LineHandler } from './line-scanner.js';
import { excerpt } from './problems.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';
import { parseNvpFields } from './trace-gc-nvp.js';

/** V8 prints sizes in "MB" meaning MiB (`MB` in gc-tracer.cc divides by 1024 * 1024). */
const MIB = 1024 * 1024;

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const SPACE = 0x20;
const LOWER_X = 0x78;
const LOWER_P = 0x70;
const UPPER_M = 0x4d;
const UPPER_S = 0x53;

/** Known collection names, looked up by bytes so that a line costs no string; new names are added as met. */
const gcTypes: { bytes: Buffer; text: string; major: boolean }[] = [];

function gcType(buffer: Buffer, start: number, end: number): { text: string; major: boolean } {
  for (const type of gcTypes) if (type.bytes.length === end - start && type.bytes.compare(buffer, start, end) === 0) return type;
  const text = buffer.toString('latin1', start, end);
  // Major: Mark-sweep (Node 18), Mark-Compact (20+); minor: Scavenge, Minor Mark-Compact/Mark-Sweep.
  const type = { bytes: Buffer.from(text, 'latin1'), text, major: text.startsWith('Mark-') };
  gcTypes.push(type);
  return type;
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
  for (;;) {
    typeEnd = buffer.indexOf(SPACE, typeEnd);
    if (typeEnd === -1 || typeEnd + 1 >= end) return false;
    if (isDigit(buffer[typeEnd + 1])) break;
    typeEnd++;
  }
  const first = buffer[start];
  if (first !== UPPER_M && first !== UPPER_S) return false;
  const before = scanNumber(buffer, typeEnd + 1, end);
  let i = expect(buffer, cursor.end, ' (');
  if (i < 0) return false;
  scanNumber(buffer, i, end);
  i = expect(buffer, cursor.end, ') -> ');
  if (i < 0) return false;
  const after = scanNumber(buffer, i, end);
  i = expect(buffer, cursor.end, ' (');
  if (i < 0) return false;
  const totalAfter = scanNumber(buffer, i, end);
  i = expect(buffer, cursor.end, ') MB, ');
  if (i < 0) return false;
  if (buffer[i] === LOWER_P) {
    // Node 22+: `pooled: 26 MB, ` (pages kept for reuse) before the pause.
    i = expect(buffer, i, 'pooled: ');
    if (i < 0) return false;
    scanNumber(buffer, i, end);
    i = expect(buffer, cursor.end, ' MB, ');
    if (i < 0) return false;
  }
  const pauseMs = scanNumber(buffer, i, end);
  if (Number.isNaN(before) || Number.isNaN(after) || Number.isNaN(pauseMs)) return false;
  const type = gcType(buffer, start, typeEnd);
  const heapAfter = Math.round(after * MIB);
  const heapTotalAfter = Math.round(totalAfter * MIB);
  group.relativeMs.push(ms);
  group.heapAfter.push(heapAfter);
  group.heapTotalAfter.push(heapTotalAfter);
  group.events.push({ time: ms, kind: type.major ? 'major' : 'minor', heapBefore: Math.round(before * MIB), heapAfter, pauseMs, heapTotalAfter, type: type.text });
  return true;
}

function lineReader(context: ReadContext, groups: IsolateGroups): LineHandler {
  const unrecognised = (buffer: Buffer, start: number, end: number, lineNumber: number) =>
    context.problems.add(context.file, lineNumber, `not a trace-gc line: ${excerpt(buffer.toString('utf8', start, Math.min(end, start + 80)))}`);
  return (buffer, start, end, lineNumber) => {
    const first = skipBlanks(buffer, start, end);
    if (first === end) return;
    // `[pid:0xisolate]` or, with --trace-gc-nvp on Node 24, `[pid:0xisolate:0]`.
    if (buffer[first] !== OPEN_BRACKET) return unrecognised(buffer, start, end, lineNumber);
    const pid = scanNumber(buffer, first + 1, end);
    let i = cursor.end;
    if (Number.isNaN(pid) || buffer[i] !== COLON || buffer[i + 1] !== 0x30 || buffer[i + 2] !== LOWER_X) return unrecognised(buffer, start, end, lineNumber);
    const isolate = scanHex(buffer, i + 3, end);
    i = cursor.end;
    if (buffer[i] === COLON) {
      scanNumber(buffer, i + 1, end);
      i = cursor.end;
    }
    if (Number.isNaN(isolate) || buffer[i] !== CLOSE_BRACKET) return unrecognised(buffer, start, end, lineNumber);
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
  group.relativeMs.push(ms);
  group.heapAfter.push(fields.heapAfter);
  group.heapTotalAfter.push(fields.heapTotalAfter ?? Number.NaN);
  group.events.push({ time: ms, kind: fields.major ? 'major' : 'minor', heapBefore: fields.heapBefore, heapAfter: fields.heapAfter, pauseMs: fields.pauseMs, heapTotalAfter: fields.heapTotalAfter, type: `gc=${fields.code}` });
  return true;
}

/** Streams a trace-gc log file. */
export async function readTraceGcFile(context: ReadContext): Promise<ReaderOutput> {
  const groups = new IsolateGroups();
  await scanFileLines(context.file, lineReader(context, groups));
  return { memory: groups.finish(context), pools: [], sockets: [] };
}

/** The same over bytes in memory. */
export function readTraceGcBuffer(buffer: Buffer, context: ReadContext): ReaderOutput {
  const groups = new IsolateGroups();
  scanBufferLines(buffer, lineReader(context, groups));
  return { memory: groups.finish(context), pools: [], sockets: [] };
}

