// Measures the ways `analyze` could see major GCs in a target without forcing any: count and heap-after precision
// against --trace-gc, throughput cost, and the builtins each one loads. Usage:
//   node bench/analyze/gc-observation.mjs [seconds=8] [rounds=2] [node binaries…]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [seconds = '8', rounds = '2', ...nodes] = process.argv.slice(2);
const binaries = nodes.length > 0 ? nodes : [process.execPath];

// The target: churn (20,000 short-lived objects every 20 ms), a 40 MB buffer of objects made and dropped every
// 300 ms (a sawtooth), and a retained array that grows slowly. It counts work done and prints what it observed.
const TARGET = String.raw`
const mode = process.argv[2];
const seconds = Number(process.argv[3]);
const loaded0 = process.moduleLoadList.length;
const observed = [];
let stop = () => {};
const v8 = () => process.getBuiltinModule('v8');
if (mode === 'po-heapstats' || mode === 'po-memoryusage') {
  const read = mode === 'po-heapstats' ? (() => { const s = v8(); return () => s.getHeapStatistics().used_heap_size; })() : () => process.memoryUsage().heapUsed;
  const observer = new PerformanceObserver((list) => {
    const heap = read();
    for (const e of list.getEntries()) if (e.detail.kind === 4) observed.push({ heapAfter: heap, lagMs: performance.now() - (e.startTime + e.duration) });
  });
  observer.observe({ entryTypes: ['gc'] });
  stop = () => observer.disconnect();
} else if (mode === 'gcprofiler') {
  const { GCProfiler } = v8();
  let profiler = new GCProfiler(); profiler.start();
  const drain = () => { const data = profiler.stop(); profiler = new GCProfiler(); profiler.start();
    for (const s of data.statistics) if (s.gcType === 'MarkSweepCompact') observed.push({ heapAfter: s.afterGC.heapStatistics.usedHeapSize, lagMs: 0 }); };
  const timer = setInterval(drain, 1000);
  stop = () => { clearInterval(timer); drain(); profiler.stop(); };
} else if (mode === 'old-space') {
  const s = v8();
  let last = Infinity;
  const timer = setInterval(() => { const old = s.getHeapSpaceStatistics().find((x) => x.space_name === 'old_space').space_used_size;
    if (old < last) observed.push({ heapAfter: s.getHeapStatistics().used_heap_size, lagMs: NaN }); last = old; }, 1000);
  stop = () => clearInterval(timer);
}
const loaded = process.moduleLoadList.slice(loaded0);
const kept = [];
let work = 0, saw = null;
const tick = setInterval(() => { for (let i = 0; i < 20000; i++) { const o = { i, s: 'x' + i }; if (o.i < 0) kept.push(o); } work++; }, 20);
const sawTimer = setInterval(() => { saw = saw ? null : Array.from({ length: 400000 }, (_, i) => ({ i, pad: [i, i] })); }, 300);
const grow = setInterval(() => { for (let i = 0; i < 1000; i++) kept.push({ i }); }, 100);
const started = process.cpuUsage();
setTimeout(() => { stop(); clearInterval(tick); clearInterval(sawTimer); clearInterval(grow);
  const cpu = process.cpuUsage(started);
  console.error('RESULT ' + JSON.stringify({ work, cpuMs: (cpu.user + cpu.system) / 1000, observed, loaded })); }, seconds * 1000);
`;

const dir = mkdtempSync(path.join(tmpdir(), 'pooldoc-gc-observation-'));
const file = path.join(dir, 'target.cjs');
writeFileSync(file, TARGET);

/** Heap after each Mark-Compact, bytes, from --trace-gc ("Mark-Compact 52.3 (60.1) -> 3.2 (10.0) MB"). */
function traceMajors(stdout) {
  return [...stdout.matchAll(/Mark-Compact[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g)].map((match) => Number(match[1]) * 1024 * 1024);
}

const modes = ['none', 'po-memoryusage', 'po-heapstats', 'gcprofiler', 'old-space'];
const median = (values) => { const sorted = [...values].sort((a, b) => a - b); return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN; };
for (const node of binaries) {
  const version = spawnSync(node, ['--version']).stdout.toString().trim();
  const rows = Object.fromEntries(modes.map((mode) => [mode, { work: [], cpu: [], majors: 0, seen: 0, errors: [], lags: [], loaded: 0 }]));
  for (let round = 0; round < Number(rounds); round++) {
    for (const mode of round % 2 ? [...modes].reverse() : modes) {
      const run = spawnSync(node, ['--trace-gc', file, mode, seconds], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const result = JSON.parse(/RESULT (.*)/.exec(run.stderr)[1]);
      const truth = traceMajors(run.stdout);
      const row = rows[mode];
      row.work.push(result.work);
      row.cpu.push(result.cpuMs);
      row.majors += truth.length;
      row.loaded = result.loaded.length;
      if (mode === 'none') continue;
      row.seen += result.observed.length;
      // Pair each observation with the trace-gc major it follows (same order: both list every major).
      for (let index = 0; index < Math.min(truth.length, result.observed.length); index++) {
        row.errors.push(Math.abs(result.observed[index].heapAfter - truth[index]) / 1e6);
        if (Number.isFinite(result.observed[index].lagMs)) row.lags.push(result.observed[index].lagMs);
      }
    }
  }
  console.log(`\n${version}: ${rounds} rounds × ${seconds} s per mode`);
  for (const mode of modes) {
    const row = rows[mode];
    console.log(`${mode.padEnd(16)} work/s ${(median(row.work) / Number(seconds)).toFixed(1).padStart(6)}  cpu ${median(row.cpu).toFixed(0).padStart(6)} ms  majors (trace-gc) ${String(row.majors).padStart(4)}  seen ${String(row.seen).padStart(4)}  |heapAfter − trace| median ${median(row.errors).toFixed(2)} MB, max ${row.errors.length ? Math.max(...row.errors).toFixed(2) : '-'} MB  lag median ${median(row.lags).toFixed(2)} ms  builtins loaded ${row.loaded}`);
  }
}
