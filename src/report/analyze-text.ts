// Renders an AnalyzeResult as the terminal report: target, heap verdict, pools with sockets, allocations, findings.
import chalk from 'chalk';
import Table from 'cli-table3';
import type { AnalyzeResult, AnalyzedPool } from '../attach/analysis.js';
import { formatBytes, formatCount, formatDuration, formatRate } from './format.js';
import { terminalChart } from './chart.js';
import type { PlotLine } from './plot-points.js';
import { formatChartTime } from './trend-chart.js';
import { growingTables } from './diff-text.js';

const indent = (block: string) => block.split('\n').map((line) => `  ${line}`).join('\n');

const VERDICT_COLOR: Record<string, (text: string) => string> = {
  leak: chalk.red.bold,
  growing: chalk.yellow.bold,
  saturated: chalk.red.bold,
  'leaking-clients': chalk.red.bold,
  ok: chalk.green,
  'insufficient-data': chalk.yellow,
};

function verdict(text: string): string {
  return (VERDICT_COLOR[text] ?? ((value: string) => value))(text);
}

/** `heapChart`: the lines of the shared heap chart (heap, baseline, fit) from report/trend-chart.ts. */
export function renderAnalyzeText(result: AnalyzeResult, heapChart: readonly PlotLine[] = []): string {
  const lines: string[] = [];
  const { target, run, heap } = result;
  lines.push(chalk.bold(`pooldoc analyze — pid ${target.pid}`) + chalk.dim(` (${target.main ?? 'unknown script'})`));
  lines.push(`  Node ${target.nodeVersion}, up ${formatDuration(target.uptimeSeconds)}, heap limit ${target.heapLimit ? formatBytes(target.heapLimit) : 'unknown'}, ${target.moduleSystem === 'cjs' ? 'CommonJS' : 'ESM or other'} entry`);
  lines.push(`  inspector: ${target.inspectorWasOpen ? 'was already open' : 'opened by pooldoc'} on port ${target.inspectorPort}, ${target.inspectorAfter === 'closed' ? 'closed again' : target.inspectorAfter === 'open' ? 'left open' : target.inspectorAfter} after`);
  lines.push(`  ${run.samples} samples every ${formatDuration(run.intervalMs / 1000)} over ${formatDuration(run.spanSeconds)}${run.gc ? ' (forced GC before each)' : ''}; attached in ${target.attachMs} ms, first reading after ${target.firstReadingMs ?? '?'} ms${run.stoppedEarly ? '; stopped early (Ctrl-C)' : ''}`);
  if (run.gcObserved) {
    // Said, so that nobody reads a builtin pooldoc loaded as the app's (they stay loaded: a module cannot be unloaded).
    const loaded = run.pooldocModules.length > 0 ? `; pooldoc loaded ${run.pooldocModules.map((name) => name.replace(/^NativeModule /, '')).join(', ')} into the target for it` : '';
    lines.push(`  the target's own collections: ${run.gcObserved.majors} major, ${run.gcObserved.minors} minor (seen by pooldoc's GC observer, none forced)${loaded}`);
  }
  if (run.targetGone) lines.push(chalk.red(`  the target exited during the run: this report is partial`));
  lines.push('');

  lines.push(chalk.bold('Heap'));
  lines.push(`  verdict ${verdict(heap.verdict)}: ${formatRate(heap.slopeBytesPerHour)}${heap.timeToLimitSeconds !== null ? `, limit reached in ~${formatDuration(heap.timeToLimitSeconds)}` : ''}; heap used ${heap.heapUsed !== undefined ? formatBytes(heap.heapUsed) : '?'}, RSS ${heap.rss !== undefined ? formatBytes(heap.rss) : '?'}`);
  if (heapChart.length > 0) lines.push(...terminalChart(heapChart, { width: 60, height: 8, formatY: (value) => formatBytes(value), formatX: formatChartTime }).map((row) => `  ${row}`));
  if (heap.reasons.length > 0) lines.push(chalk.dim(`  ${heap.reasons.join('; ')}`));
  lines.push('');

  lines.push(chalk.bold('Pools'));
  if (result.poolDiscovery) lines.push(chalk.dim(`  found ${result.poolDiscovery.instances} instance(s) in one heap walk that paused the target ${result.poolDiscovery.pauseMs} ms`));
  const appeared = Object.entries(result.poolDiscovery?.appeared ?? {});
  if (appeared.length > 0) lines.push(`  ${chalk.yellow('new during the run')}: ${appeared.map(([library, count]) => `${count} ${library}`).join(', ')} ${chalk.dim(`(a second walk at the end, pause ${result.poolDiscovery!.endPauseMs} ms; not sampled)`)}`);
  if (result.pools.length === 0) lines.push('  none found (pg, mysql2, generic-pool, tarn/knex, ioredis, undici, http.Agent, socket.io, lru-cache)');
  else lines.push(poolTable(result.pools));
  lines.push('');

  lines.push(chalk.bold('Sockets by endpoint') + chalk.dim(' (established, from /proc at the end of the run)'));
  if (result.sockets.length === 0) lines.push('  none');
  for (const group of result.sockets) lines.push(`  ${String(group.count).padStart(4)}  ${group.remote}${group.service ? chalk.dim(` ${group.service}`) : ''}`);

  if (result.snapshot) {
    const snap = result.snapshot;
    lines.push('', chalk.bold('Heap snapshot') + chalk.dim(` ${snap.file} (${formatBytes(snap.bytes)}, ${formatCount(snap.nodeCount)} nodes, target paused ${formatDuration(snap.pauseMs / 1000)}, mode 0600)`));
    lines.push('  memory held by pools:');
    if (snap.pools.length === 0) lines.push('    no pool objects recognised in the heap');
    for (const pool of snap.pools.slice(0, 10)) lines.push(`    ${formatBytes(pool.retainedSize).padStart(9)}  ${pool.library} ${pool.className} @${pool.id}, ${pool.connections} connection object(s) ${chalk.dim(pool.path)}`);
    lines.push('  biggest collections:');
    for (const collection of snap.collections.slice(0, 10)) lines.push(`    ${formatBytes(collection.retainedSize).padStart(9)}  ${collection.kind} × ${formatCount(collection.entries)} ${chalk.dim(collection.path)}`);
  }

  if (result.snapshots) {
    const diff = result.snapshots;
    const every = diff.times.length > 1 ? diff.times[diff.times.length - 1]! / (diff.times.length - 1) : 0;
    lines.push('', chalk.bold(`Growth across ${diff.files.length} snapshots`) + chalk.dim(` (~${formatDuration(every)} apart, heap ${diff.totalSize.map((bytes) => formatBytes(bytes)).join(' → ')}; files ${diff.files.join(', ')})`));
    lines.push(`  verdict ${verdict(diff.verdict)}${diff.verdict === 'insufficient-data' ? ': two snapshots show change, not a trend; take three or more' : ''}`);
    lines.push(...growingTables(diff.growing).map((line) => indent(line)));
  }

  if (result.allocations) {
    lines.push('', chalk.bold('Allocation sites still live') + chalk.dim(` (sampling profiler, ${formatBytes(result.allocations.totalLiveBytes)} sampled)`));
    for (const pkg of result.allocations.packages.slice(0, 8)) lines.push(`  ${formatBytes(pkg.liveBytes).padStart(9)}  ${pkg.package}`);
    lines.push(chalk.dim('  top sites:'));
    for (const site of result.allocations.sites.slice(0, 10)) lines.push(`  ${formatBytes(site.liveBytes).padStart(9)}  ${site.functionName} ${chalk.dim(`${site.url}:${site.line}`)}`);
  }

  lines.push('', chalk.bold('Findings'));
  if (result.findings.length === 0) lines.push(chalk.green('  none'));
  for (const finding of result.findings) {
    const color = finding.severity === 'error' ? chalk.red : chalk.yellow;
    lines.push(`  ${color(finding.severity.padEnd(7))} ${finding.message} ${chalk.dim(finding.data?.auditRule ? `→ audit rule ${finding.ruleId} (${String(finding.data.code)}) would catch this in CI` : `(${finding.ruleId})`)}`);
  }
  for (const warning of run.warnings.slice(0, 5)) lines.push(chalk.yellow(`  note: ${warning}`));
  return lines.join('\n');
}

function poolTable(pools: AnalyzedPool[]): string {
  const table = new Table({ head: ['pool', 'total', 'idle', 'in use', 'waiting (max)', 'max', 'sockets', 'verdict'], style: { head: [], border: [] } });
  const show = (value: number | undefined) => (value === undefined ? '–' : formatCount(value));
  for (const pool of pools) {
    const max = pool.counts.max ?? (pool.extra?.unbounded === true || pool.extra?.maxSockets === 'Infinity' ? '∞' : undefined);
    table.push([
      pool.name,
      show(pool.counts.total),
      show(pool.counts.idle),
      show(pool.counts.inUse),
      `${show(pool.counts.waiting)}${pool.waitingMax !== undefined ? ` (${formatCount(pool.waitingMax)})` : ''}`,
      typeof max === 'number' ? formatCount(max) : (max ?? '–'),
      show(pool.sockets),
      verdict(pool.verdict),
    ]);
  }
  return table.toString();
}
