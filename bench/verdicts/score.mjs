// Scores pooldoc's memory verdicts on the recorded corpus, beside the seeds' naive method and plain least squares on
// the raw heap: one confusion matrix per input and window length, from pooldoc's own built engine (../../dist).
//   node score.mjs [--recordings out/recordings] [--json out/score.json]
import { mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from './lib/args.mjs';
import { RECORDING_FILES } from './lib/record-one.mjs';
import { truthFor } from './lib/scenarios.mjs';
import { cutToWindow } from './lib/windows.mjs';

const DIST = new URL('../../dist/src/', import.meta.url);
const { readSeries } = await import(new URL('series/index.js', DIST));
const { judgeSeries } = await import(new URL('detect/trend.js', DIST));
const { naiveLeakVerdict } = await import(new URL('detect/naive.js', DIST));

const args = parseArgs();
const root = path.resolve(args.recordings ?? 'out/recordings');
const WINDOWS_S = [30, 90, 180, 600];
const scratch = mkdtempSync(path.join(tmpdir(), 'pooldoc-score-'));

/** Plain least squares on raw heapUsed: leak when the slope is positive at p < 0.05 (t-test on r). */
function olsVerdict(series) {
  const heap = series.columns.heapUsed;
  const n = heap?.length ?? 0;
  if (n < 3) return 'insufficient-data';
  const x = Array.from(series.time, (time) => (time - series.time[0]) / 3_600_000);
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const mx = mean(x);
  const my = mean(Array.from(heap));
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) { sxy += (x[i] - mx) * (heap[i] - my); sxx += (x[i] - mx) ** 2; syy += (heap[i] - my) ** 2; }
  const r = sxy / Math.sqrt(sxx * syy);
  const t = (r * Math.sqrt(n - 2)) / Math.sqrt(Math.max(1e-12, 1 - r * r));
  return sxy > 0 && t > 1.96 ? 'leak' : 'ok';
}

const rows = [];
for (const major of readdirSync(root).filter((name) => name.startsWith('node'))) {
  for (const name of readdirSync(path.join(root, major))) {
    const dir = path.join(root, major, name);
    if (!existsSync(path.join(dir, 'meta.json'))) continue;
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    if (!meta.complete) continue;
    for (const kind of meta.inputs) {
      for (const windowS of WINDOWS_S) {
        if (windowS * 1000 > meta.durationMs) continue;
        const truth = truthFor(meta.scenario, kind, windowS * 1000, meta.events);
        const file = path.join(scratch, `${major}-${name}-${windowS}-${RECORDING_FILES[kind]}`);
        writeFileSync(file, cutToWindow(path.join(dir, RECORDING_FILES[kind]), kind, meta, windowS * 1000));
        // The GC trace's times are from isolate start: anchored at the first process's spawn, as --start does.
        const read = await readSeries([file], kind.startsWith('trace-gc') ? { start: meta.processes[0].spawnedAt } : {});
        rmSync(file);
        // A restarted process is one instance (same name, new pid): the detector gets every series of the input.
        const series = read.memory;
        if (series.length === 0) continue;
        const verdicts = series.map((one) => judgeSeries(one));
        const pooldoc = worst(verdicts.map((verdict) => verdict.verdict));
        const heapSeries = series.reduce((a, b) => ((b.columns.heapUsed?.length ?? 0) > (a.columns.heapUsed?.length ?? 0) ? b : a));
        const naive = heapSeries.columns.heapUsed ? naiveLeakVerdict(heapSeries.columns.heapUsed).verdict : 'insufficient-data';
        rows.push({
          major, scenario: meta.scenario, kind, windowS, truth, pooldoc, naive, ols: olsVerdict(heapSeries),
          detail: verdicts.map((verdict) => ({ heap: verdict.heap.verdict, baseline: verdict.heap.baseline, native: verdict.native.verdict, slope: verdict.heap.slopeBytesPerHour, reason: verdict.heap.reasons[0] ?? '', nativeReason: verdict.native.reasons[0] ?? '' })),
        });
      }
    }
  }
}
rmSync(scratch, { recursive: true, force: true });

function worst(list) {
  for (const verdict of ['leak', 'growing', 'insufficient-data', 'ok']) if (list.includes(verdict)) return verdict;
  return 'ok';
}
const flagged = (verdict) => verdict === 'leak' || verdict === 'growing';
const outcome = (truth, verdict) => (verdict === 'insufficient-data' ? 'insufficient' : (truth === 'healthy') === !flagged(verdict) ? 'right' : 'wrong');

function matrix(subset, method) {
  const cell = { leak: { flagged: 0, ok: 0, insufficient: 0 }, step: { flagged: 0, ok: 0, insufficient: 0 }, healthy: { flagged: 0, ok: 0, insufficient: 0 } };
  for (const row of subset) {
    const verdict = row[method];
    cell[row.truth][verdict === 'insufficient-data' ? 'insufficient' : flagged(verdict) ? 'flagged' : 'ok']++;
  }
  return cell;
}
const fmt = (cell) => ['leak', 'step', 'healthy'].map((truth) => `${truth}: ${cell[truth].flagged}/${cell[truth].ok}/${cell[truth].insufficient}`).join('  ');

console.log(`${rows.length} scored windows (verdict counts as flagged/ok/insufficient per truth)`);
const kinds = [...new Set(rows.map((row) => row.kind))];
for (const kind of kinds) for (const windowS of WINDOWS_S) {
  const subset = rows.filter((row) => row.kind === kind && row.windowS === windowS);
  if (subset.length === 0) continue;
  console.log(`\n${kind} ${windowS}s (${subset.length} runs)`);
  for (const method of ['pooldoc', 'naive', 'ols']) console.log(`  ${method.padEnd(8)} ${fmt(matrix(subset, method))}`);
}
for (const method of ['pooldoc', 'naive', 'ols']) {
  const counts = { right: 0, wrong: 0, insufficient: 0 };
  for (const row of rows) counts[outcome(row.truth, row[method])]++;
  const healthyFlagged = rows.filter((row) => row.truth === 'healthy' && flagged(row[method])).length;
  console.log(`\n${method}: ${counts.right} right, ${counts.wrong} wrong, ${counts.insufficient} insufficient of ${rows.length} (${(100 * counts.right / rows.length).toFixed(1)} % right; ${(100 * counts.right / (counts.right + counts.wrong)).toFixed(1)} % of decided); healthy flagged: ${healthyFlagged}`);
}
const wrong = rows.filter((row) => outcome(row.truth, row.pooldoc) === 'wrong');
console.log(`\npooldoc wrong (${wrong.length}):`);
for (const row of wrong) console.log(`  ${row.major} ${row.scenario} ${row.kind} ${row.windowS}s truth=${row.truth} got=${row.pooldoc}: ${row.detail.map((d) => `${d.heap}/${d.baseline}/native ${d.native}: ${d.reason} | ${d.nativeReason}`).join(' ;; ')}`);
if (args.json) writeFileSync(args.json, JSON.stringify(rows, null, 2) + '\n');
