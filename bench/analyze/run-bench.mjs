// Overhead of `pooldoc analyze` at 1 Hz, two ways, in one run:
// 1. Under load: a target pinned to CPU 0 serving closed-loop HTTP load (generator and pooldoc pinned to CPU 1),
//    rounds alternating without/with analyze in A-B-B-A order so drift cancels; throughput change per pair.
// 2. At rest: the same target idle, its own CPU time (from /proc/<pid>/stat) over a window without and with
//    analyze: what sampling memory and pool counters once a second costs the target, in ms of CPU per second.
// Plus the time from the command to the first reading. Needs the CLI built (npm run build at the root).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/run.js', import.meta.url));
const PAIRS = Number(process.env.PAIRS ?? 4);
const WINDOW_SECONDS = Number(process.env.WINDOW ?? 10);
const IDLE_SECONDS = Number(process.env.IDLE_WINDOW ?? 30);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 8);
/** Let analyze finish attaching and its one-off pool discovery before a measured window. */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 5000);
const CLOCK_TICKS = 100; // USER_HZ on Linux
// Pinning keeps the generator and pooldoc off the target's core: without it, their CPU shows up as "overhead".
const PIN = availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0 && process.env.NO_PIN === undefined;
const onCpu = (cpu, command, args) => (PIN ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args]);

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startTarget() {
  return new Promise((resolve, reject) => {
    const [command, args] = onCpu(0, process.execPath, [here('./target.mjs')]);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (chunk) => {
      const match = /ready (\d+)/.exec(String(chunk));
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', () => reject(new Error('target exited')));
  });
}

/**
 * wrk (Debian package `wrk`) when installed: a C load generator needs a fraction of the CPU a Node one does, so
 * the target, not the generator, is the bottleneck. Otherwise load.mjs (closed-loop Node client). LOADGEN=node forces it.
 */
const WRK = process.env.LOADGEN !== 'node' && spawnSync('wrk', ['--version']).error === undefined;

function runLoad(port) {
  return new Promise((resolve) => {
    const [command, args] = WRK
      ? onCpu(1, 'wrk', ['-t1', `-c${CONNECTIONS}`, `-d${WINDOW_SECONDS}s`, `http://127.0.0.1:${port}/`])
      : onCpu(1, process.execPath, [here('./load.mjs'), String(port), String(CONNECTIONS), String(WINDOW_SECONDS)]);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', () => {
      if (!WRK) return resolve(JSON.parse(out));
      const requests = /(\d+) requests in/.exec(out);
      resolve({ completed: Number(requests?.[1] ?? 0), seconds: WINDOW_SECONDS });
    });
  });
}

async function measureLoad(pid, port) {
  const cpuBefore = cpuSeconds(pid);
  const load = await runLoad(port);
  return { rps: load.completed / load.seconds, cpuPercent: ((cpuSeconds(pid) - cpuBefore) / load.seconds) * 100 };
}

/**
 * CPU time of every thread of the process in ns, from /proc/<pid>/task/<tid>/schedstat: /proc/<pid>/stat counts in
 * 10 ms ticks, too coarse for the sub-millisecond cost of one sample.
 */
function cpuNanoseconds(pid) {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended between readdir and read
    }
  }
  return total;
}

/** The target's CPU milliseconds per second over an idle window (all threads: the inspector's included). */
async function measureIdle(pid) {
  const before = cpuNanoseconds(pid);
  await sleep(IDLE_SECONDS * 1000);
  return (cpuNanoseconds(pid) - before) / 1e6 / IDLE_SECONDS;
}

function startAnalyze(pid) {
  const spawnedAt = Date.now();
  const [command, args] = onCpu(1, process.execPath, [CLI, 'analyze', String(pid), '--interval', '1s', '--duration', '0', '--json']);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const done = new Promise((resolve) => child.once('exit', (code) => resolve({ code, report: out ? JSON.parse(out) : undefined })));
  return { spawnedAt, stop: () => (child.kill('SIGINT'), done) };
}

async function withAnalyze(pid, measure) {
  const analyze = startAnalyze(pid);
  await sleep(SETTLE_MS);
  const value = await measure();
  const { report } = await analyze.stop();
  return { value, report, spawnedAt: analyze.spawnedAt };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percent = (base, other) => ((other - base) / base) * 100;

const { child: target, port } = await startTarget();
const pairs = [];
const firstReading = [];
const attachParts = [];
let idle;
try {
  await runLoad(port); // warm-up: JIT, connections, pool resources
  const recordReport = ({ report, spawnedAt }) => {
    if (!report?.target?.firstReadingAt) return;
    firstReading.push(report.target.firstReadingAt - spawnedAt);
    attachParts.push(report.target.attachMs + report.target.firstReadingMs);
  };
  for (let pair = 0; pair < PAIRS; pair++) {
    // A-B-B-A across consecutive pairs: a slow drift of the machine hits both arms alike.
    const order = pair % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
    const result = {};
    for (const arm of order) {
      if (arm === 'without') result.without = await measureLoad(target.pid, port);
      else {
        const run = await withAnalyze(target.pid, () => measureLoad(target.pid, port));
        result.with = run.value;
        recordReport(run);
      }
    }
    pairs.push(result);
    process.stderr.write(`load pair ${pair + 1}/${PAIRS}: ${result.without.rps.toFixed(0)} → ${result.with.rps.toFixed(0)} req/s\n`);
  }
  await sleep(2000); // let the last load's connections close
  const idleWithout = await measureIdle(target.pid);
  const idleRun = await withAnalyze(target.pid, () => measureIdle(target.pid));
  recordReport(idleRun);
  idle = { without: idleWithout, with: idleRun.value, samples: idleRun.report?.run?.samples, pools: idleRun.report?.pools?.length };
} finally {
  target.kill();
}

const changes = pairs.map((pair) => percent(pair.without.rps, pair.with.rps));
const cpuChanges = pairs.map((pair) => pair.with.cpuPercent - pair.without.cpuPercent);
console.log(`\npooldoc analyze overhead at 1 Hz — Node ${process.version}, ${PIN ? 'target pinned to CPU 0, load generator and pooldoc to CPU 1' : 'NOT pinned (taskset missing or NO_PIN set)'}`);
console.log(`\nUnder load: ${PAIRS} pairs × ${WINDOW_SECONDS} s windows, ${CONNECTIONS} connections from ${WRK ? 'wrk' : 'load.mjs (install wrk for a lighter generator)'} (HTTP + generic-pool)`);
console.log('| metric | without analyze | with analyze (1 Hz) | change |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| throughput (req/s, median) | ${median(pairs.map((p) => p.without.rps)).toFixed(0)} | ${median(pairs.map((p) => p.with.rps)).toFixed(0)} | ${percent(median(pairs.map((p) => p.without.rps)), median(pairs.map((p) => p.with.rps))).toFixed(2)} % |`);
console.log(`| target CPU (% of a core, median) | ${median(pairs.map((p) => p.without.cpuPercent)).toFixed(1)} | ${median(pairs.map((p) => p.with.cpuPercent)).toFixed(1)} | ${median(cpuChanges).toFixed(1)} points |`);
console.log(`\nthroughput change per pair: ${changes.map((change) => `${change.toFixed(2)} %`).join(', ')} (median ${median(changes).toFixed(2)} %)`);
console.log(`\nAt rest: target CPU over ${IDLE_SECONDS} s, without → with analyze: ${idle.without.toFixed(3)} → ${idle.with.toFixed(3)} ms/s, i.e. ${(idle.with - idle.without).toFixed(3)} ms of target CPU per second = ${((idle.with - idle.without) / 10).toFixed(3)} % of a core (${idle.samples} samples, ${idle.pools} pool(s) read each time)`);
console.log(`\ntime from command to first reading: median ${median(firstReading)} ms of ${firstReading.length} (attach + first reading ${median(attachParts)} ms, the rest is CLI start-up)`);
