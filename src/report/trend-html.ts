// The `trend --html` report: one section per series (numbers, reasons, SVG chart) and per pool.
import { formatP } from '../detect/heap-leak.js';
import type { TrendVerdicts } from '../detect/trend.js';
import type { MemorySeries, PoolSeries } from '../series/types.js';
import { formatBytes, formatCount, formatDuration, formatPercent } from './format.js';
import { renderHtmlDocument, type HtmlSection } from './html.js';
import { svgLineChart } from './svg-chart.js';
import { formatChartTime, heapChartLines, poolChartLines } from './trend-chart.js';
import type { TrendResult } from './trend-json.js';

const orDash = (value: number | null | undefined, format: (value: number) => string) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : format(value));

export function renderTrendHtml(result: TrendResult, verdicts: TrendVerdicts, memory: readonly MemorySeries[], pools: readonly PoolSeries[] = [], generatedAt = new Date()): string {
  const sections: HtmlSection[] = [];
  for (const [index, entry] of result.series.entries()) {
    const series = memory[index];
    const heap = verdicts.series[index]?.heap;
    sections.push({
      heading: `${entry.name} — ${entry.source}`,
      verdict: entry.verdict,
      table: {
        head: ['samples', 'span', 'baseline', 'slope / h', '95 % interval', 'p (Mann–Kendall)', 'R²', 'heap limit', 'time to limit'],
        rows: [[
          formatCount(entry.samples),
          formatDuration(entry.spanSeconds),
          entry.baseline,
          orDash(entry.slopeBytesPerHour, formatBytes),
          entry.slopeInterval ? `${formatBytes(entry.slopeInterval[0])} … ${formatBytes(entry.slopeInterval[1])}` : '–',
          orDash(entry.pValue, formatP),
          orDash(entry.rSquared, (value) => value.toFixed(2)),
          orDash(entry.heapLimit, formatBytes),
          orDash(entry.timeToLimitSeconds, formatDuration),
        ]],
      },
      list: [
        ...entry.reasons,
        `native memory: ${entry.native.verdict}${entry.native.reasons[0] ? ` (${entry.native.reasons[0]})` : ''}`,
        `GC pressure: ${entry.gcPressure.verdict} (${entry.gcPressure.reasons[0] ?? ''})`,
      ],
      svg: series && heap ? svgLineChart(heapChartLines(series, heap), { title: 'heap, baseline and fit', formatY: (value) => formatBytes(value), formatX: formatChartTime }) : undefined,
    });
  }
  for (const [index, pool] of result.pools.entries()) {
    const series = pools[index];
    sections.push({
      heading: `pool ${pool.name}`,
      verdict: pool.verdict,
      table: {
        head: ['samples', 'saturated', 'episodes', 'waiting p50', 'waiting p95', 'waiting max', 'utilisation p50', 'utilisation p95', 'in-use floor rise'],
        rows: [[
          formatCount(pool.samples),
          pool.saturatedSeconds === 0 ? '0s' : formatDuration(pool.saturatedSeconds),
          String(pool.saturationEpisodes),
          orDash(pool.waitingP50, String),
          orDash(pool.waitingP95, String),
          orDash(pool.waitingMax, String),
          orDash(pool.utilizationP50, formatPercent),
          orDash(pool.utilizationP95, formatPercent),
          pool.floorSteps === undefined ? '–' : `+${pool.floorRise} in ${pool.floorSteps} steps`,
        ]],
      },
      list: pool.reasons,
      svg: series ? svgLineChart(poolChartLines(series), { title: 'in use, max and waiting', formatY: (value) => (Number.isInteger(value) ? String(value) : value.toFixed(1)), formatX: formatChartTime }) : undefined,
    });
  }
  if (result.unparsedLines > 0) {
    sections.push({ heading: 'Unparseable input', paragraphs: [`${formatCount(result.unparsedLines)} line(s) could not be used; the first ones:`], list: result.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`) });
  }
  const leaks = result.series.filter((entry) => entry.verdict === 'leak').length;
  const pressured = result.pools.filter((pool) => pool.verdict === 'saturated' || pool.verdict === 'leaking-clients').length;
  return renderHtmlDocument({
    title: 'pooldoc trend',
    subtitle: `${result.series.length} series (${leaks} leaking), ${result.pools.length} pools (${pressured} under pressure) — from ${result.files.map((file) => file.file).join(', ') || 'Prometheus'} — generated ${generatedAt.toISOString()}`,
    sections,
  });
}
