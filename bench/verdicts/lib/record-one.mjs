// Records one run of one scenario: NDJSON (4 Hz, and 1 Hz derived), the GC trace, and Prometheus scrapes.
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nodeBinary } from './records.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const TARGET = path.join(HERE, '..', 'target.mjs');
const SAMPLER = path.join(HERE, '..', 'sampler.cjs');
const SCRAPE_INTERVAL_MS = 5000;
/** A supervisor's restart gap: the second process starts 1 s after the first exited. */
const RESTART_GAP_MS = 1000;

/** File names inside a recording directory, by input kind. */
export const RECORDING_FILES = {
  'ndjson-4hz': 'samples-4hz.ndjson',
  'ndjson-1hz': 'samples-1hz.ndjson',
  'trace-gc': 'trace-gc.log',
  'trace-gc-nvp': 'trace-gc-nvp.log',
  prometheus: 'scrapes.prom',
};

/** Adds the labels a Prometheus server attaches (instance, job) and the scrape time to every sample line. */
function timestampScrape(text, instance, timeMs) {
  const out = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue; // HELP/TYPE once per scrape would only repeat
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) continue;
    const labels = [`instance="${instance}"`, 'job="verdicts"', ...(match[2] ? [match[2]] : [])].join(',');
    out.push(`${match[1]}{${labels}} ${match[3]} ${timeMs}`);
  }
  return out.join('\n') + '\n';
}

/** Starts one target process; resolves when it printed its metrics port. */
function startTarget({ major, scenario, gcFlag, dir, instance, durationMs, originMs, onEvent }) {
  const stdout = openSync(path.join(dir, gcFlag === '--trace-gc' ? RECORDING_FILES['trace-gc'] : RECORDING_FILES['trace-gc-nvp']), 'a');
  const child = spawn(nodeBinary(major), [gcFlag, '--require', SAMPLER, TARGET, scenario], {
    cwd: path.join(HERE, '..'),
    stdio: ['ignore', stdout, 'pipe'],
    env: {
      ...process.env,
      POOLDOC_BENCH_NDJSON: path.join(dir, RECORDING_FILES['ndjson-4hz']),
      POOLDOC_BENCH_INSTANCE: instance,
      POOLDOC_BENCH_DURATION_MS: String(durationMs),
      POOLDOC_BENCH_ORIGIN_MS: String(originMs),
    },
  });
  closeSync(stdout);
  const spawnedAt = Date.now();
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, exitedAt: Date.now() })));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stderr.on('data', (data) => {
      buffered += data;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        appendFileSync(path.join(dir, 'target.stderr'), line + '\n');
        const port = /^pooldoc-bench metrics (\d+)$/.exec(line);
        if (port) resolve({ child, pid: child.pid, port: Number(port[1]), spawnedAt, exited });
        const event = /^pooldoc-bench event (\S+) (\d+)$/.exec(line);
        if (event) onEvent(event[1], Number(event[2]));
      }
    });
    exited.then(({ code, signal }) => reject(new Error(`${scenario} on node ${major} exited early (${code ?? signal}); see ${dir}/target.stderr`)));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records `run` ('gc': --trace-gc, 'nvp': --trace-gc-nvp) of a scenario for durationMs into dir.
 * restart: the process is stopped (SIGTERM) at the midpoint and a new one started under the same instance.
 */
export async function recordOne({ major, nodeVersion, scenario, run, durationMs, dir }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const instance = `${scenario}.node${major}.${run}`;
  const gcFlag = run === 'gc' ? '--trace-gc' : '--trace-gc-nvp';
  const originMs = Date.now();
  const events = {};
  const processes = [];
  const segments = scenario === 'restart' ? [durationMs / 2, durationMs / 2 - RESTART_GAP_MS] : [durationMs];
  let scrapes = 0;
  for (const [index, segmentMs] of segments.entries()) {
    if (index > 0) await sleep(RESTART_GAP_MS);
    const target = await startTarget({ major, scenario, gcFlag, dir, instance, durationMs, originMs, onEvent: (name, at) => { events[name] ??= at; } });
    const entry = { pid: target.pid, port: target.port, spawnedAt: target.spawnedAt };
    processes.push(entry);
    const stopAt = target.spawnedAt + segmentMs;
    let exited = false;
    target.exited.then(() => { exited = true; });
    // Scrape every 5 s, on the clock (not after each scrape), as Prometheus does.
    for (let next = Date.now(); !exited && next < stopAt; next += SCRAPE_INTERVAL_MS) {
      await sleep(Math.max(0, next - Date.now()));
      if (exited || Date.now() >= stopAt) break;
      try {
        const response = await fetch(`http://127.0.0.1:${target.port}/metrics`, { signal: AbortSignal.timeout(4000) });
        const timeMs = Date.now();
        appendFileSync(path.join(dir, RECORDING_FILES.prometheus), timestampScrape(await response.text(), instance, timeMs));
        scrapes++;
      } catch { /* a missed scrape stays missing, as in Prometheus */ }
    }
    await sleep(Math.max(0, stopAt - Date.now()));
    target.child.kill('SIGTERM');
    const { code, signal, exitedAt } = await target.exited;
    Object.assign(entry, { exitedAt, code, signal });
  }
  // The 1 Hz input is the 4 Hz file keeping every 4th line (same process, same samples, a quarter of them).
  const fourHz = readFileSync(path.join(dir, RECORDING_FILES['ndjson-4hz']), 'utf8').split('\n').filter(Boolean);
  writeFileSync(path.join(dir, RECORDING_FILES['ndjson-1hz']), fourHz.filter((_, index) => index % 4 === 0).join('\n') + '\n');
  const meta = {
    scenario, major, nodeVersion, run, instance, durationMs, originMs, events, processes, scrapes,
    inputs: Object.keys(RECORDING_FILES).filter((kind) => existsSync(path.join(dir, RECORDING_FILES[kind]))),
    complete: true,
  };
  writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  return meta;
}
