// Runs every contestant on the generated inputs (each in its own process, best of BENCH_RUNS) and prints one table.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import os from 'node:os';
import { CONTESTANTS } from './contestants.mjs';
import { NDJSON_FILE, TRACE_GC_FILE } from './generate.mjs';

const FILES = { ndjson: NDJSON_FILE, 'trace-gc': TRACE_GC_FILE };

function warm(file) {
  // Page cache first, so the first contestant does not pay the disk for everyone.
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(16 * 1024 * 1024);
  while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  closeSync(fd);
}

function runOne(name, file) {
  const output = execFileSync(process.execPath, ['--max-old-space-size=8192', 'run-one.mjs', name, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').pop());
}

/** Each contestant runs this many times, round-robin (so a burst of other load hits them all); the best counts. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const loadBefore = os.loadavg();
console.log(`node ${process.version}, ${new Date().toISOString()}, load average ${loadBefore.map((load) => load.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs, best of ${RUNS} runs`);
console.log('MB/s CPU = input MB / (user + system CPU seconds, all threads): the figure a loaded machine disturbs least.');
console.log('"vs byte loop" = MB/s CPU / that of the bare JS byte loop in the same rounds: the figure that travels between machines.\n');
const rows = [];
for (const [input, file] of Object.entries(FILES)) {
  warm(file);
  const entries = Object.entries(CONTESTANTS).filter(([, contestant]) => contestant.input === input);
  const best = new Map();
  for (let run = 0; run < RUNS; run++) {
    for (const [name] of entries) {
      const result = runOne(name, file);
      const previous = best.get(name);
      // Best wall and best CPU are kept separately: each is the run least disturbed for that figure.
      best.set(name, previous ? { ...result, seconds: Math.min(previous.seconds, result.seconds), cpuSeconds: Math.min(previous.cpuSeconds, result.cpuSeconds), maxRssMiB: Math.max(previous.maxRssMiB, result.maxRssMiB) } : result);
    }
  }
  const megabytes = statSync(file).size / 1e6;
  const [reference] = best.values();
  const byteLoop = [...best.entries()].find(([name]) => name.startsWith('bare JS byte loop'))[1];
  for (const [name, result] of best) {
    rows.push([
      input,
      name.trim(),
      result.rows,
      result.seconds.toFixed(2),
      (megabytes / result.seconds).toFixed(0),
      result.cpuSeconds.toFixed(2),
      (megabytes / result.cpuSeconds).toFixed(0),
      `${(reference.seconds / result.seconds).toFixed(2)}x`,
      `${(byteLoop.cpuSeconds / result.cpuSeconds).toFixed(2)}`,
      result.maxRssMiB.toFixed(0),
    ]);
  }
}
const header = ['input', 'reader', 'rows', 'wall s', 'MB/s wall', 'CPU s', 'MB/s CPU', 'wall speed vs pooldoc', 'CPU vs byte loop', 'max RSS MiB'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
const format = (row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ');
console.log(format(header));
console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
for (const row of rows) console.log(format(row));
console.log(`\nload average after: ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);

const verdict = JSON.parse(execFileSync(process.execPath, ['verdict.mjs'], { encoding: 'utf8' }).trim());
console.log(verdict.skipped ? `\nverdict: ${verdict.skipped}` : `\nverdict on ${verdict.samples} samples: ${verdict.verdict} (${verdict.baseline} baseline), best of 3: ${verdict.bestMs.toFixed(0)} ms (runs ${verdict.runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms)`);
