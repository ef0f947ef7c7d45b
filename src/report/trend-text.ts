// The human `trend` report: a table per series and per pool, the reasons, and a braille chart per series.
import chalk from 'chalk';
import Table from 'cli-table3';
import { formatP } from '../detect/heap-leak.js';
import type { TrendVerdicts } from '../detect/trend.js';
import type { MemorySeries } from '../series/types.js';
import { terminalChart } from './chart.js';
import { formatBytes, formatCount, formatDuration, formatPercent } from './format.js';
import type { PlotLine } from './plot-points.js';
import { formatChartTime, heapChartLines } from './trend-chart.js';
import type { TrendResult } from './trend-json.js';

export interface TrendTextOptions {
  /** Terminal width in columns; charts fit inside it. */
  columns?: number;
  /** Charts for at most this many series (a fleet of 200 instances needs the table, not 200 charts). */
  maxCharts?: number;
}

const DEFAULT_MAX_CHARTS = 4;
/** cli-table3 paints headers red by default, which reads as an error: bold instead. */
const TABLE_STYLE = { head: ['bold'] };
const ROLE_COLOURS: Record<PlotLine['role'], (text: string) => string> = {
  raw: chalk.gray,
  limit: chalk.red,
  baseline: chalk.cyan,
  fit: chalk.yellow,
};

export function colourVerdict(verdict: string): string {
  if (verdict === 'ok') return chalk.green(verdict);
  if (verdict === 'insufficient-data') return chalk.gray(verdict);
  // Certain growth that reaches the limit beyond the horizon, or a step that held: a warning, not an error.
  if (verdict === 'growing') return chalk.yellow.bold(verdict);
  return chalk.red.bold(verdict);
}

const bytesOrDash = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : formatBytes(value));

export function renderTrendText(result: TrendResult, verdicts: TrendVerdicts, memory: readonly MemorySeries[], options: TrendTextOptions = {}): string[] {
  const out: string[] = [];
  if (result.series.length > 0) {
    const table = new Table({ head: ['source', 'instance', 'samples', 'span', 'baseline', 'slope /h (95% CI)', 'p', 'verdict', 'to limit'], style: TABLE_STYLE });
    for (const entry of result.series) {
      const interval = entry.slopeInterval ? ` (${formatBytes(entry.slopeInterval[0])}…${formatBytes(entry.slopeInterval[1])})` : '';
      table.push([entry.source, entry.name, formatCount(entry.samples), formatDuration(entry.spanSeconds), entry.baseline, `${bytesOrDash(entry.slopeBytesPerHour)}${interval}`, entry.pValue === null ? '–' : formatP(entry.pValue), colourVerdict(entry.verdict), entry.timeToLimitSeconds === null ? '–' : formatDuration(entry.timeToLimitSeconds)]);
    }
    out.push(chalk.bold('Memory'), table.toString());
    for (const entry of result.series) {
      const native = entry.native.verdict === 'leak' || entry.native.verdict === 'growing' ? [`native ${entry.native.verdict}: ${entry.native.reasons[0]}`] : [];
      const gc = entry.gcPressure.verdict === 'pressure' ? [`GC pressure: ${entry.gcPressure.reasons[0]}`] : [];
      const reasons = [...entry.reasons, ...native, ...gc];
      if (reasons.length) out.push(`${chalk.bold(entry.name)} ${colourVerdict(entry.verdict)}: ${reasons.join('; ')}`);
    }
  }
  const width = Math.max(20, Math.min(100, (options.columns ?? 80) - 14));
  const charted = verdicts.series.slice(0, options.maxCharts ?? DEFAULT_MAX_CHARTS);
  for (const [index, entry] of charted.entries()) {
    const series = memory[index];
    if (!series || entry.heap.verdict === 'insufficient-data') continue;
    out.push('', chalk.bold(`${entry.name}: heap (grey), baseline (cyan), fit (yellow)`));
    out.push(...terminalChart(heapChartLines(series, entry.heap), { width, height: 10, formatY: (value) => formatBytes(value), formatX: formatChartTime, paint: (role, text) => ROLE_COLOURS[role](text) }));
  }
  if (verdicts.series.length > charted.length) out.push(chalk.gray(`(charts for the first ${charted.length} of ${verdicts.series.length} series; --html draws all)`));
  if (result.pools.length > 0) {
    const table = new Table({ head: ['pool', 'samples', 'verdict', 'saturated', 'episodes', 'waiting p50/p95/max', 'util p50/p95', 'in-use floor'], style: TABLE_STYLE });
    for (const pool of result.pools) {
      const waiting = pool.waitingMax === undefined ? '–' : `${pool.waitingP50}/${pool.waitingP95}/${pool.waitingMax}`;
      const utilization = pool.utilizationP50 === undefined ? '–' : `${formatPercent(pool.utilizationP50)}/${formatPercent(pool.utilizationP95 ?? Number.NaN)}`;
      const floor = pool.floorSteps === undefined ? '–' : `+${pool.floorRise} in ${pool.floorSteps} steps`;
      table.push([pool.name, formatCount(pool.samples), colourVerdict(pool.verdict), pool.saturatedSeconds === 0 ? '0s' : formatDuration(pool.saturatedSeconds), String(pool.saturationEpisodes), waiting, utilization, floor]);
    }
    out.push('', chalk.bold('Pools'), table.toString());
    for (const pool of result.pools) if (pool.verdict !== 'ok') out.push(`${chalk.bold(pool.name)} ${colourVerdict(pool.verdict)}: ${pool.reasons.join('; ')}`);
  }
  if (result.sockets.length > 0) out.push('', chalk.bold('Sockets by remote endpoint'), ...result.sockets.map((group) => `  ${group.remote}${group.service ? ` (${group.service})` : ''}: ${group.count}`));
  if (result.unparsedLines > 0 || result.problems.length > 0) {
    out.push('', chalk.yellow(`${formatCount(result.unparsedLines)} unparseable line(s); first:`));
    for (const problem of result.problems) out.push(`  ${problem.file}:${problem.line}: ${problem.message}`);
  }
  if (result.series.length === 0 && result.pools.length === 0) out.push('No memory or pool series found.');
  return out;
}
