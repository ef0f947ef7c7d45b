// Times detectHeapLeak (the detect helper's detector, from the build) on 1 M samples of a leaking sawtooth.
const SAMPLES = 1_000_000;
const MIB = 1024 * 1024;

let detectHeapLeak;
try {
  ({ detectHeapLeak } = await import('../../dist/src/detect/heap-leak.js'));
} catch {
  console.log(JSON.stringify({ skipped: 'dist/src/detect/heap-leak.js not built: no detector on this branch' }));
  process.exit(0);
}

const time = new Float64Array(SAMPLES);
const heapUsed = new Float64Array(SAMPLES);
let state = 12345;
for (let i = 0; i < SAMPLES; i++) {
  state = (state * 1103515245 + 12345) % 2147483648;
  time[i] = Date.UTC(2024, 4, 1) + i * 1000;
  // 40 MiB base + 1 KiB/s leak + a 30 MiB sawtooth of period 60 samples + noise.
  heapUsed[i] = 40 * MIB + i * 1024 + (i % 60) * 0.5 * MIB + (state / 2147483648) * MIB;
}
const series = { source: 'bench', instance: 'bench', time, columns: { heapUsed, heapLimit: new Float64Array(SAMPLES).fill(4096 * MIB) } };
const runs = [];
let result;
for (let run = 0; run < 3; run++) {
  const started = process.hrtime.bigint();
  result = detectHeapLeak(series);
  runs.push(Number(process.hrtime.bigint() - started) / 1e6);
}
console.log(JSON.stringify({ samples: SAMPLES, verdict: result.verdict, baseline: result.baseline, bestMs: Math.min(...runs), runsMs: runs }));
