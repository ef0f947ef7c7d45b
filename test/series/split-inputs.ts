// Seeded NDJSON and trace-gc inputs whose interesting lines (problems, restarts, new fields) sit on both sides
// of where a two-thread read cuts the file: every line has the same length, so the cut is the middle line.

import { seededRandom } from '../../src/detect/stats/random.js';

/** Pads each line with trailing blanks (allowed after a JSON object or a GC line) to one length. */
function padLines(lines: string[]): string[] {
  const width = Math.max(...lines.map((line) => line.length));
  return lines.map((line) => line.padEnd(width));
}

export const MIB = 1024 * 1024;

/**
 * `lineCount` NDJSON samples (even count, so the two-thread cut falls after line `lineCount / 2`) of two
 * instances. Around the cut: instance `a` restarts (new pid) on the first line after it, a pool and a memory
 * column appear only after it, times go back once across it; problem lines on both sides; escapes (the
 * JSON.parse path) on both sides. `truncate` cuts the last line short (see endLines).
 */
export function ndjsonAcrossCut(lineCount: number, truncate: boolean): { text: string; problemLines: number[] } {
  const random = seededRandom(11);
  const half = lineCount / 2;
  const start = Date.UTC(2024, 4, 1);
  const problems = new Map<number, string>([
    [3, 'not json at all'],
    [half - 2, '{"ts": "2024-05-01T00:00:00Z", "heapUsed": 12'],
    [half, '{"heapUsed": 1000}'],
    [half + 1, '{"ts":"2024-05-01T00:00:00Z","note":"no values"}'],
    [half + 3, '[1, 2]'],
    [lineCount - 5, '{"ts": }'],
    [lineCount - 1, 'garbage at the end'],
  ]);
  const lines = linesWithProblems(lineCount, problems, (line) => {
    const instance = line % 3 === 0 ? 'b' : 'a';
    const pid = instance === 'a' && line > half ? 2002 : 1001;
    // One step back in time just after the cut: the merged series must still come out sorted.
    const time = start + (line === half + 2 ? line - 10 : line) * 1000;
    const record: Record<string, unknown> = { ts: new Date(time).toISOString(), instance, pid, heapUsed: Math.round(40 * MIB + line * 100 + random() * MIB), rss: Math.round(90 * MIB + random() * MIB) };
    if (line > half) record.external = Math.round(2 * MIB + random() * 1000);
    if (line % 4 === 0) record.pools = { main: { totalCount: 10, idleCount: Math.floor(random() * 3), waitingCount: Math.floor(random() * 4) } };
    if (line > half && line % 5 === 0) record.pools = { late: { inUse: Math.floor(random() * 8), max: 8 } };
    const text = JSON.stringify(record);
    return line % 97 === 0 ? text.replace('"instance"', '"inst\\u0061nce"') : text;
  });
  return endLines(lines, problems, truncate);
}

/** Lines 1…lineCount: the problem text where `problems` has one, else `makeLine(line)`. */
function linesWithProblems(lineCount: number, problems: Map<number, string>, makeLine: (line: number) => string): string[] {
  return Array.from({ length: lineCount }, (_, index) => problems.get(index + 1) ?? makeLine(index + 1));
}

/**
 * The text of the padded lines; `truncate` cuts the last line to a third, with no newline (a log copied while
 * being written). That moves the middle byte back into line `lineCount / 2`, so the cut stays after it.
 */
function endLines(lines: string[], problems: Map<number, string>, truncate: boolean): { text: string; problemLines: number[] } {
  const padded = padLines(lines);
  const problemLines = [...problems.keys()];
  if (!truncate) return { text: padded.join('\n') + '\n', problemLines: problemLines.sort((a, b) => a - b) };
  const last = padded.pop()!;
  padded.push(last.slice(0, Math.floor(last.trimEnd().length / 3)));
  return { text: padded.join('\n'), problemLines: [...problemLines, lines.length].sort((a, b) => a - b) };
}

/**
 * A trace-gc log of `lineCount` lines (even): a main isolate and a worker isolate of one process, then, from the
 * first line after the cut, a second process (a restart appended to the same file) whose first line is a
 * `Mark-Compact (reduce)` (a type name met only after the cut); problem lines on both sides.
 */
export function traceGcAcrossCut(lineCount: number, truncate: boolean): { text: string; problemLines: number[] } {
  const random = seededRandom(5);
  const half = lineCount / 2;
  const problems = new Map<number, string>([
    [2, 'Server listening on :3000'],
    [half - 1, '[18328:0x24542000]    12 ms: Scavenge garbled'],
    [half + 4, 'another stray line'],
    [lineCount - 2, '[1:0x1] x ms: nothing'],
  ]);
  const lines = linesWithProblems(lineCount, problems, (line) => {
    const restarted = line > half;
    const isolate = !restarted && line % 7 === 0 ? '0x7f00aa000' : '0x24542000';
    const pid = restarted ? 19001 : 18328;
    const ms = restarted ? 20 + (line - half) * 5 : 30 + line * 7;
    const heap = 20 + (line % 50) * 0.1 + random() * 8;
    const type = line === half + 1 ? 'Mark-Compact (reduce)' : line % 13 === 0 ? 'Mark-Compact' : 'Scavenge';
    return `[${pid}:${isolate}] ${String(ms).padStart(8)} ms: ${type} ${(heap + 2).toFixed(1)} (${(heap + 20).toFixed(1)}) -> ${heap.toFixed(1)} (${(heap + 21).toFixed(1)}) MB, pooled: 0 MB, ${(random() * 3).toFixed(2)} / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure;`;
  });
  return endLines(lines, problems, truncate);
}
