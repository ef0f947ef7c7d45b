// Measures the heap bytes one retained record costs per Node major, then checks the leak rate on a 60 s run.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { NODE_MAJORS, nodeBinary } from './lib/records.mjs';

const here = new URL('.', import.meta.url).pathname;
const CALIBRATION_FILE = new URL('./calibration.json', import.meta.url);
const PROBE_RATE_MB_PER_HOUR = 1000; // 16.7 MB in 60 s: well above the churn's post-GC noise

// Step 1: post-GC heap before and after retaining 200 000 records, chunked as the target chunks them.
const probe = `
import { makeRecord } from './lib/records.mjs';
const live = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
globalThis.keep = []; const before = live(); let chunk = [];
for (let i = 0; i < 200000; i++) { if (i % 1024 === 0) globalThis.keep.push(chunk = []); chunk.push(makeRecord(i)); }
console.log((live() - before) / 200000);`;
const bytesPerRecord = { default: 200 };
for (const major of NODE_MAJORS) {
  const out = execFileSync(nodeBinary(major), ['--expose-gc', '--input-type=module', '-e', probe], { cwd: here, encoding: 'utf8' });
  bytesPerRecord[`node${major}`] = Math.round(Number(out.trim()));
}
writeFileSync(CALIBRATION_FILE, JSON.stringify({ bytesPerRecord }, null, 2) + '\n');
console.log('bytes per record', bytesPerRecord);

// Step 2: the real target, leak-1000, 60 s, post-GC heap at both ends (all majors at once: 3 processes).
const measured = await Promise.all(NODE_MAJORS.map((major) => new Promise((resolve, reject) => {
  const child = spawn(nodeBinary(major), ['--expose-gc', 'target.mjs', `leak-${PROBE_RATE_MB_PER_HOUR}`], {
    cwd: here, env: { ...process.env, POOLDOC_BENCH_CALIBRATE: '1' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (data) => { stderr += data; });
  child.on('exit', () => {
    const match = /calibration (\{.*\})/.exec(stderr);
    if (!match) return reject(new Error(`node ${major}: no calibration line\n${stderr}`));
    const { bytes, seconds } = JSON.parse(match[1]);
    const rate = bytes / 1e6 * 3600 / seconds;
    resolve({ major, measuredMbPerHour: Number(rate.toFixed(1)), factor: Number((rate / PROBE_RATE_MB_PER_HOUR).toFixed(3)) });
  });
})));
const check = Object.fromEntries(measured.map(({ major, ...rest }) => [`node${major}`, { nominalMbPerHour: PROBE_RATE_MB_PER_HOUR, ...rest }]));
writeFileSync(CALIBRATION_FILE, JSON.stringify({ bytesPerRecord, check60s: check }, null, 2) + '\n');
console.log('60 s check (measured / nominal)', check);
