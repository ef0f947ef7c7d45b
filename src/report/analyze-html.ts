// The analyze report as a self-contained HTML file for sharing in an incident (shared html.ts + svg-chart.ts).
import type { AnalyzeResult } from '../attach/analysis.js';
import { formatBytes, formatDuration, formatRate } from './format.js';
import { renderHtmlDocument, type HtmlSection } from './html.js';
import type { PlotLine } from './plot-points.js';
import { svgLineChart } from './svg-chart.js';
import { formatChartTime } from './trend-chart.js';

const show = (value: number | undefined) => (value === undefined ? '–' : String(value));

export function renderAnalyzeHtml(result: AnalyzeResult, heapChart: readonly PlotLine[]): string {
  const { target, heap, run } = result;
  const sections: HtmlSection[] = [
    {
      heading: 'Target',
      paragraphs: [
        `pid ${target.pid} (${target.main ?? 'unknown script'}), Node ${target.nodeVersion}, up ${formatDuration(target.uptimeSeconds)}, heap limit ${target.heapLimit ? formatBytes(target.heapLimit) : 'unknown'}`,
        `inspector ${target.inspectorWasOpen ? 'was already open' : 'opened by pooldoc'} on port ${target.inspectorPort}, ${target.inspectorAfter} after; ${run.samples} samples every ${formatDuration(run.intervalMs / 1000)}${run.targetGone ? ' — the target exited during the run, the report is partial' : ''}`,
      ],
    },
    {
      heading: 'Heap',
      verdict: heap.verdict,
      paragraphs: [`${formatRate(heap.slopeBytesPerHour)}${heap.timeToLimitSeconds !== null ? `, limit reached in ~${formatDuration(heap.timeToLimitSeconds)}` : ''}`, ...heap.reasons],
      svg: heapChart.length > 0 ? svgLineChart(heapChart, { title: 'heap used', formatY: (value) => formatBytes(value), formatX: formatChartTime }) : undefined,
    },
    {
      heading: 'Pools',
      paragraphs: result.poolDiscovery
        ? [
            `${result.poolDiscovery.instances} instance(s) found in one heap walk that paused the target ${result.poolDiscovery.pauseMs} ms`,
            ...Object.entries(result.poolDiscovery.appeared ?? {}).map(([library, count]) => `${count} new ${library} instance(s) appeared during the run (not sampled)`),
          ]
        : [],
      table: {
        head: ['pool', 'total', 'idle', 'in use', 'waiting (peak)', 'max', 'sockets', 'verdict'],
        rows: result.pools.map((pool) => [pool.name, show(pool.counts.total), show(pool.counts.idle), show(pool.counts.inUse), `${show(pool.counts.waiting)} (${show(pool.waitingMax)})`, show(pool.counts.max), show(pool.sockets), pool.verdict]),
      },
    },
    { heading: 'Sockets by endpoint', table: { head: ['count', 'remote', 'service'], rows: result.sockets.map((group) => [String(group.count), group.remote, group.service ?? '']) } },
  ];
  if (result.snapshot) {
    sections.push({
      heading: 'Heap snapshot',
      paragraphs: [`${result.snapshot.file}: ${formatBytes(result.snapshot.bytes)}, target paused ${formatDuration(result.snapshot.pauseMs / 1000)}`],
      table: { head: ['retained', 'what', 'owner path'], rows: [...result.snapshot.pools.map((pool) => [formatBytes(pool.retainedSize), `${pool.library} ${pool.className} (${pool.connections} connections)`, pool.path]), ...result.snapshot.collections.map((collection) => [formatBytes(collection.retainedSize), `${collection.kind} × ${collection.entries}`, collection.path])] },
    });
  }
  if (result.snapshots) {
    const diff = result.snapshots;
    sections.push({
      heading: `Growth across ${diff.files.length} snapshots`,
      verdict: diff.verdict,
      paragraphs: [`heap ${diff.totalSize.map((bytes) => formatBytes(bytes)).join(' → ')}; files ${diff.files.join(', ')}`],
      table: {
        head: ['verdict', 'what', 'per snapshot', 'owner path'],
        rows: diff.growing.map((row) => [row.verdict, `${row.kind} ${row.name}`, (row.measure === 'entries' ? row.entries.map(String) : row.retainedSize.map((bytes) => formatBytes(bytes))).join(' → '), row.path]),
      },
    });
  }
  if (result.allocations) {
    sections.push({ heading: 'Live allocation sites', table: { head: ['live bytes', 'function', 'location', 'package'], rows: result.allocations.sites.map((site) => [formatBytes(site.liveBytes), site.functionName, `${site.url}:${site.line}`, site.package]) } });
  }
  sections.push({ heading: 'Findings', list: result.findings.length > 0 ? result.findings.map((finding) => `${finding.severity}: ${finding.message} (${finding.ruleId})`) : ['none'] });
  return renderHtmlDocument({ title: `pooldoc analyze — pid ${target.pid}`, subtitle: new Date(result.chart.time[0] ?? Date.now()).toISOString(), sections });
}
