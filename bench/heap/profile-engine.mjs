// Per-phase wall time and peak RSS of the full `heap` analysis (read → analyze → the summaries the command
// computes), for profiling the engine: `node bench/heap/profile-engine.mjs FILE` after `npm run build`.
// Run it under `/usr/bin/time -v` for CPU time, or with `node --cpu-prof` for a profile.
// `--edge-worker always|never` forces the reader's edge thread on or off (default auto: on when a core is free).
import { pathToFileURL, fileURLToPath } from 'node:url';

const ENGINE = pathToFileURL(fileURLToPath(new URL('../../dist/src/heap/index.js', import.meta.url))).href;
/** Rows the summaries compute, as the `heap` command's default top N. */
const TOP = 20;

const file = process.argv[2];
const modeAt = process.argv.indexOf('--edge-worker');
const edgeWorker = modeAt > 0 ? process.argv[modeAt + 1] : 'auto';
if (!file || !['auto', 'always', 'never'].includes(edgeWorker)) {
  console.error('usage: node bench/heap/profile-engine.mjs FILE.heapsnapshot [--edge-worker auto|always|never]');
  process.exit(2);
}
const engine = await import(ENGINE);
/** Peak RSS so far in MB (resourceUsage reports kilobytes): shows which phase sets the process's peak. */
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const phases = [];
let last = performance.now();
function lap(phase) {
  const now = performance.now();
  phases.push({ phase, ms: Math.round(now - last), peakRssMb: peakMb() });
  last = now;
}
// The analysis reports a step at the START of each phase; the peak seen there belongs to the phase before.
const progress = (label) => phases.push({ phase: `  at "${label}"`, ms: '', peakRssMb: peakMb() });

const snapshot = await engine.readSnapshotFile(file, { edgeWorker });
lap('readSnapshotFile');
const analysis = engine.analyzeSnapshot(snapshot, { progress });
lap('analyzeSnapshot');
const totals = engine.totals(analysis);
lap('totals');
// In the order of the heap command: what needs no classes first, while the summary thread computes them.
engine.heapStatistics(analysis);
lap('heapStatistics');
engine.classSummary(analysis);
lap('classSummary');
engine.largestObjects(analysis, { top: TOP });
lap('largestObjects');
engine.largestCollections(analysis, { top: TOP });
lap('largestCollections');
console.table(phases);
console.log('analysis phases (ms):', analysis.timings, `shallow sizes by the ${analysis.shallowSizesThread} thread, distances by the ${analysis.distancesThread} thread, classes by the ${analysis.classesThread} thread, statistics by the ${analysis.statisticsThread} thread, collections by the ${analysis.collectionsThread} thread`);
console.log(`${totals.nodeCount} nodes, ${totals.edgeCount} edges, total ${totals.totalSize} bytes; edges read by ${snapshot.edgeTarget.buffer instanceof SharedArrayBuffer ? 'a worker thread' : 'the main thread'}`);
