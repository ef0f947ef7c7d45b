// Overhead of `pooldoc analyze` at 1 Hz on a target under steady load: alternating rounds without and with
// analyze, throughput (requests/s) and target CPU (from /proc/<pid>/stat), plus time from the command to the
// first reading. Needs the CLI built (npm run build at the repository root). Prints one table.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/run.js', import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const WINDOW_SECONDS = Number(process.env.WINDOW ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 8);
/** Let analyze finish attaching and its one-off pool discovery before the measured window. */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 5000);
const CLOCK_TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
}

function startTarget() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [here('./target.mjs')], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (chunk) => {
      const match = /ready (\d+)/.exec(String(chunk));
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', () => reject(new Error('target exited')));
  });
}

function runLoad(port) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [here('./load.mjs'), String(port), String(CONNECTIONS), String(WINDOW_SECONDS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', () => resolve(JSON.parse(out)));
  });
}

async function measure(pid, port) {
  const cpuBefore = cpuSeconds(pid);
  const load = await runLoad(port);
  const cpu = cpuSeconds(pid) - cpuBefore;
  return { rps: load.completed / load.seconds, cpuPercent: (cpu / load.seconds) * 100 };
}

function startAnalyze(pid) {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [CLI, 'analyze', String(pid), '--interval', '1s', '--duration', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const done = new Promise((resolve) => child.once('exit', (code) => resolve({ code, report: out ? JSON.parse(out) : undefined })));
  return { spawnedAt, stop: () => (child.kill('SIGINT'), done) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { child: target, port } = await startTarget();
const without = [];
const withAnalyze = [];
const firstReading = [];
const attachParts = [];
try {
  await runLoad(port); // warm-up: JIT, connection setup
  for (let round = 0; round < ROUNDS; round++) {
    without.push(await measure(target.pid, port));
    const analyze = startAnalyze(target.pid);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    withAnalyze.push(await measure(target.pid, port));
    const { report } = await analyze.stop();
    if (report?.target?.firstReadingAt) {
      firstReading.push(report.target.firstReadingAt - analyze.spawnedAt);
      attachParts.push(report.target.attachMs + report.target.firstReadingMs);
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
} finally {
  target.kill();
}

const rows = [
  ['throughput (req/s, median)', median(without.map((m) => m.rps)), median(withAnalyze.map((m) => m.rps))],
  ['target CPU (% of a core, median)', median(without.map((m) => m.cpuPercent)), median(withAnalyze.map((m) => m.cpuPercent))],
];
console.log(`\npooldoc analyze overhead at 1 Hz — ${ROUNDS} rounds × ${WINDOW_SECONDS} s, ${CONNECTIONS} connections, Node ${process.version}`);
console.log('| metric | without analyze | with analyze (1 Hz) | change |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, base, other] of rows) console.log(`| ${name} | ${base.toFixed(1)} | ${other.toFixed(1)} | ${(((other - base) / base) * 100).toFixed(2)} % |`);
console.log(`| time from command to first reading (ms, median of ${firstReading.length}) | | ${median(firstReading) ?? 'n/a'} | |`);
console.log(`| of which attach + first reading (ms, median), the rest is CLI start-up | | ${median(attachParts) ?? 'n/a'} | |`);
console.log(`\nper round (req/s without → with): ${without.map((m, i) => `${m.rps.toFixed(0)} → ${withAnalyze[i].rps.toFixed(0)}`).join(', ')}`);
