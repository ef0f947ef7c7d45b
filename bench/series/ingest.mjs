// Runs every contestant on the generated inputs (each in its own process) and prints ratios to pooldoc as a table.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
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

console.log(`node ${process.version}, ${new Date().toISOString()}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
console.log('MB/s CPU = input MB / (user + system CPU seconds): the figure a loaded machine disturbs least.\n');
const rows = [];
for (const [input, file] of Object.entries(FILES)) {
  warm(file);
  const entries = Object.entries(CONTESTANTS).filter(([, contestant]) => contestant.input === input);
  let reference;
  for (const [name] of entries) {
    const result = runOne(name, file);
    reference ??= result;
    rows.push([
      input,
      name.trim(),
      result.rows,
      result.seconds.toFixed(2),
      result.megabytesPerSecond.toFixed(0),
      result.cpuSeconds.toFixed(2),
      result.megabytesPerCpuSecond.toFixed(0),
      `${(result.megabytesPerCpuSecond / reference.megabytesPerCpuSecond).toFixed(2)}x`,
      result.maxRssMiB.toFixed(0),
    ]);
  }
}
const header = ['input', 'reader', 'rows', 'wall s', 'MB/s wall', 'CPU s', 'MB/s CPU', 'CPU speed vs pooldoc', 'max RSS MiB'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
const format = (row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ');
console.log(format(header));
console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
for (const row of rows) console.log(format(row));

const verdict = JSON.parse(execFileSync(process.execPath, ['verdict.mjs'], { encoding: 'utf8' }).trim());
console.log(verdict.skipped ? `\nverdict: ${verdict.skipped}` : `\nverdict on ${verdict.samples} samples: ${verdict.verdict} (${verdict.baseline} baseline), best of 3: ${verdict.bestMs.toFixed(0)} ms (runs ${verdict.runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms)`);
