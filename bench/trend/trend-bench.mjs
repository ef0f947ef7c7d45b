// Times pooldoc's trend verdicts on 1 M samples beside the seeds' naive method, plain OLS and a Theil–Sen peer.
// Run: npm run bench (installs the peers here, builds pooldoc). Median of RUNS runs; ratios within one run.
import { performance } from 'node:perf_hooks';
import { linearRegression } from 'simple-statistics';
import { TheilSenRegression } from 'ml-regression-theil-sen';
import { detectHeapLeak } from '../../dist/src/detect/heap-leak.js';
import { judgeSeries } from '../../dist/src/detect/trend.js';
import { naiveLeakVerdict } from '../../dist/src/detect/naive.js';
import { theilSen } from '../../dist/src/detect/stats/theil-sen.js';
import { seededNormal } from '../../dist/src/detect/stats/random.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MIB = 1024 * 1024;
const HOUR_MS = 3_600_000;

/** 1 M samples every 100 ms (28 h): a 400 MiB/h leak (or none) under a 40 MiB GC sawtooth every 20 samples, rss alongside. */
function makeSeries(leakBytesPerHour) {
  const noise = seededNormal(42);
  const time = new Float64Array(SAMPLES);
  const heapUsed = new Float64Array(SAMPLES);
  const rss = new Float64Array(SAMPLES);
  const start = Date.UTC(2026, 0, 1);
  for (let index = 0; index < SAMPLES; index++) {
    time[index] = start + index * 100;
    const live = 60 * MIB + (leakBytesPerHour * index * 100) / HOUR_MS;
    heapUsed[index] = live + (40 * MIB * (index % 20)) / 20 + MIB * noise();
    rss[index] = heapUsed[index] + 120 * MIB;
  }
  // 2 GiB limit: the minimum effect is max(5 % of it, 10 MiB) = 102 MiB/h.
  const heapLimit = new Float64Array(SAMPLES).fill(2048 * MIB);
  return { source: 'bench', instance: 'synthetic', time, columns: { heapUsed, rss, heapLimit } };
}

function time(run) {
  const durations = [];
  let result;
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now();
    result = run();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return { ms: durations[Math.floor(durations.length / 2)], result };
}

const rows = [];
for (const [label, leak] of [['leak 400 MiB/h', 400 * MIB], ['flat sawtooth', 0]]) {
  const series = makeSeries(leak);
  const heap = time(() => detectHeapLeak(series));
  const all = time(() => judgeSeries(series));
  const naive = time(() => naiveLeakVerdict(series.columns.heapUsed));
  const ols = time(() => {
    // Plain least squares over every raw sample: what a dashboard trend line does.
    const pairs = Array.from(series.time, (t, index) => [(t - series.time[0]) / HOUR_MS, series.columns.heapUsed[index]]);
    return linearRegression(pairs).m;
  });
  rows.push([label, 'pooldoc heap verdict (detectHeapLeak)', heap.ms, `${heap.result.verdict}, ${(heap.result.slopeBytesPerHour / MIB).toFixed(1)} MiB/h`]);
  rows.push([label, 'pooldoc all detectors (heap+native+GC)', all.ms, `${all.result.verdict}`]);
  rows.push([label, 'naive: OLS on last 10 raw samples', naive.ms, `${naive.result.verdict}, ${(naive.result.slopeBytesPerSample / 1e6).toFixed(2)} MB/sample`]);
  rows.push([label, 'OLS on all raw samples (simple-statistics)', ols.ms, `${(ols.result / MIB).toFixed(1)} MiB/h, no verdict`]);
}

// Theil–Sen head to head on 2 000 points (exact pairs in both; pooldoc's own baselines stop at 1 000).
const points = 2000;
const noise = seededNormal(7);
const x = Float64Array.from({ length: points }, (_, index) => index);
const y = Float64Array.from(x, (value) => 3 * value + 50 * noise());
const ours = time(() => theilSen(x, y));
const peer = time(() => new TheilSenRegression(Array.from(x), Array.from(y)));
rows.push(['2 000 points', 'pooldoc theilSen (with Sen 95% CI)', ours.ms, `slope ${ours.result.slope.toFixed(4)} [${ours.result.low.toFixed(4)}, ${ours.result.high.toFixed(4)}]`]);
rows.push(['2 000 points', 'ml-regression-theil-sen 3 (no CI)', peer.ms, `slope ${peer.result.slope.toFixed(4)}`]);

const reference = new Map(rows.filter((row) => row[1].startsWith('pooldoc heap') || row[1].startsWith('pooldoc theilSen')).map((row) => [row[0], row[2]]));
console.log(`trend bench: ${SAMPLES.toLocaleString('en-US')} samples, median of ${RUNS} runs, node ${process.version}`);
console.log('| input | method | median ms | × pooldoc | result |');
console.log('| --- | --- | ---: | ---: | --- |');
for (const [input, method, ms, result] of rows) {
  console.log(`| ${input} | ${method} | ${ms.toFixed(1)} | ${(ms / reference.get(input)).toFixed(2)} | ${result} |`);
}
