// A target process with known memory behaviour (scenario from argv[2] or POOLDOC_BENCH_SCENARIO), serving prom-client metrics.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import client from 'prom-client';
import { SCENARIOS } from './lib/scenarios.mjs';
import { makeRecord } from './lib/records.mjs';

const scenario = process.argv[2] ?? process.env.POOLDOC_BENCH_SCENARIO;
if (!SCENARIOS.includes(scenario)) throw new Error(`unknown scenario ${scenario}; one of ${SCENARIOS.join(', ')}`);
/** The planned length of the recording: the step happens at 40 % of it. */
const plannedMs = Number(process.env.POOLDOC_BENCH_DURATION_MS ?? 600_000);
/** Epoch ms of the recording's start: a restarted process keeps the recording's clock for its events. */
const originMs = Number(process.env.POOLDOC_BENCH_ORIGIN_MS ?? Date.now());
const major = Number(process.versions.node.split('.')[0]);

// Heap bytes one retained record costs on this Node major, measured by calibrate.mjs (post-GC heap).
const calibration = JSON.parse(readFileSync(new URL('./calibration.json', import.meta.url), 'utf8'));
const BYTES_PER_RECORD = calibration.bytesPerRecord[`node${major}`] || calibration.bytesPerRecord.default;
if (!(BYTES_PER_RECORD >= 50)) throw new Error(`calibration.json: implausible bytesPerRecord ${BYTES_PER_RECORD}`);


const event = (name) => process.stderr.write(`pooldoc-bench event ${name} ${Date.now() - originMs}\n`);

// Healthy background churn in every scenario: garbage every 5 ms, part of it held ~2 s so it is promoted and
// dies in old space — a real sawtooth with scavenges and periodic mark-compacts, as a request-serving app has.
const churnRing = new Array(400);
let churnIndex = 0;
setInterval(() => {
  const batch = [];
  for (let i = 0; i < 100; i++) batch.push({ i, s: 'c' + i, pair: [i, i * 2] });
  churnRing[churnIndex] = batch.slice(0, 20);
  churnIndex = (churnIndex + 1) % churnRing.length;
}, 5);

// Retention at a rate: owed bytes accrue with measured time (not timer ticks), so a timer delayed by load
// still retains the calibrated rate.
const leaked = []; // chunks of 1024 records: one huge array would be reallocated (and copied) as it grows
function retainAt(rateMbPerHour) {
  let last = performance.now();
  let owed = 0;
  let chunk = [];
  leaked.push(chunk);
  let seq = 0;
  return setInterval(() => {
    const now = performance.now();
    owed += rateMbPerHour() * 1e6 / 3_600_000 * (now - last);
    last = now;
    while (owed >= BYTES_PER_RECORD) {
      if (chunk.length === 1024) leaked.push(chunk = []);
      chunk.push(makeRecord(seq++));
      owed -= BYTES_PER_RECORD;
    }
  }, 50);
}
const uptimeMs = () => performance.now();

/**
 * Calls onUnit once per `unitBytes` owed at bytesPerMs(), checked every intervalMs: owed bytes accrue with measured
 * time, so a timer delayed by load still keeps the rate.
 */
function atRate(bytesPerMs, unitBytes, intervalMs, onUnit) {
  let last = performance.now();
  let owed = 0;
  return setInterval(() => {
    const now = performance.now();
    owed += bytesPerMs() * (now - last);
    last = now;
    for (; owed >= unitBytes; owed -= unitBytes) onUnit();
  }, intervalMs);
}

const leakRate = /^leak-(\d+)$/.exec(scenario);
const sawHeight = /^saw-(\d+)$/.exec(scenario);
if (leakRate) retainAt(() => Number(leakRate[1]));
else if (scenario === 'restart') retainAt(() => 100);
else if (scenario === 'leak-after-warmup') {
  retainAt(() => (uptimeMs() >= 60_000 ? 100 : 0));
  setTimeout(() => event('leak-start'), 60_000);
} else if (scenario === 'warmup-plateau') {
  retainAt(() => (uptimeMs() < 40_000 ? 30 * 3600 / 40 : 0)); // ~30 MB over the first 40 s, then nothing
} else if (scenario === 'step') {
  setTimeout(() => {
    const block = [];
    for (let i = 0; i < 40e6 / BYTES_PER_RECORD; i++) block.push(makeRecord(i));
    leaked.push(block);
    event('step-retained');
  }, Math.max(0, plannedMs * 0.4 - (Date.now() - originMs)));
} else if (scenario === 'cache-bound') {
  // An LRU-like Map: fills at ~0.4 MB/s to its bound (~20 MB within ~50 s), then evicts the oldest per insert.
  const cache = new Map();
  const bound = Math.round(20e6 / BYTES_PER_RECORD);
  let key = 0;
  atRate(() => 0.4e6 / 1000, BYTES_PER_RECORD, 50, () => {
    cache.set('k' + key, makeRecord(key++));
    if (cache.size > bound) cache.delete(cache.keys().next().value);
  });
} else if (scenario === 'native-leak') {
  // Buffers outside the V8 heap at ~200 MB/h; each is filled so its pages are resident (rss grows too).
  const buffers = [];
  atRate(() => 200e6 / 3_600_000, 65_536, 100, () => buffers.push(Buffer.allocUnsafeSlow(65_536).fill(buffers.length & 255)));
} else if (sawHeight) {
  // Allocate N MB as 1 MB double arrays (on the V8 heap, cheap to mark), hold 1–3 s, drop, pause 0–1 s.
  const height = Number(sawHeight[1]);
  let held = null;
  const cycle = () => {
    held = [];
    for (let i = 0; i < height; i++) held.push(new Array(131_072).fill(i + 0.5));
    setTimeout(() => {
      held = null;
      setTimeout(cycle, Math.random() * 1000);
    }, 1000 + Math.random() * 2000);
  };
  cycle();
}

// prom-client's default metrics on an ephemeral loopback port; the recorder scrapes it every 5 s.
client.collectDefaultMetrics();
const server = http.createServer(async (request, response) => {
  if (request.url !== '/metrics') return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': client.register.contentType }).end(await client.register.metrics());
});
server.listen(0, '127.0.0.1', () => process.stderr.write(`pooldoc-bench metrics ${server.address().port}\n`));

// calibrate.mjs only (run with --expose-gc): post-GC heapUsed 2 s and 62 s in, as a retention rate.
if (process.env.POOLDOC_BENCH_CALIBRATE && globalThis.gc) {
  const liveHeap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
  setTimeout(() => {
    const before = liveHeap();
    setTimeout(() => {
      process.stderr.write(`pooldoc-bench calibration ${JSON.stringify({ bytes: liveHeap() - before, seconds: 60 })}\n`);
      process.exit(0);
    }, 60_000);
  }, 2000);
}

// A graceful stop, as a supervisor's SIGTERM: process.exit flushes the trace-gc lines still in stdio's buffer.
process.on('SIGTERM', () => process.exit(0));
// Safety net: never outlive the planned run by much if the recorder dies.
setTimeout(() => process.exit(0), plannedMs + 120_000).unref();
