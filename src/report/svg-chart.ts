// An inline SVG line chart (no scripts, no external resources) for the HTML reports of trend and analyze.
import { envelope, extent, type PlotLine } from './plot-points.js';
import { escapeHtml, safe } from './html.js';

export interface SvgChartOptions {
  width?: number;
  height?: number;
  title?: string;
  formatY?: (value: number) => string;
  formatX?: (value: number) => string;
}

/** Colour and stroke per role: raw context is light, the evidence (baseline, fit) is strong. */
const ROLE_STYLE: Record<PlotLine['role'], string> = {
  raw: 'stroke="#9aa5b1" stroke-width="1" opacity="0.7"',
  limit: 'stroke="#d64545" stroke-width="1" stroke-dasharray="6 4"',
  baseline: 'stroke="#1f6feb" stroke-width="2"',
  fit: 'stroke="#e8590c" stroke-width="2" stroke-dasharray="8 4"',
};
const ROLE_ORDER: PlotLine['role'][] = ['raw', 'limit', 'baseline', 'fit'];
const MARGIN = { left: 80, right: 16, top: 28, bottom: 36 };
const Y_TICKS = 4;

export function svgLineChart(lines: readonly PlotLine[], options: SvgChartOptions = {}): string {
  const width = options.width ?? 760;
  const height = options.height ?? 260;
  const formatY = options.formatY ?? ((value: number) => value.toPrecision(3));
  const formatX = options.formatX ?? ((value: number) => String(value));
  const range = extent(lines);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const toX = (x: number) => MARGIN.left + ((x - range.xMin) / (range.xMax - range.xMin)) * plotWidth;
  const toY = (y: number) => MARGIN.top + plotHeight - ((y - range.yMin) / (range.yMax - range.yMin)) * plotHeight;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${safe(options.title ?? 'chart')}">`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) parts.push(`<text x="${MARGIN.left}" y="18" font-size="13" font-weight="600" fill="#1f2933">${safe(options.title)}</text>`);
  if (!Number.isFinite(range.xMin)) {
    parts.push(`<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#616e7c">no data to chart</text></svg>`);
    return parts.join('');
  }
  for (let tick = 0; tick <= Y_TICKS; tick++) {
    const value = range.yMin + ((range.yMax - range.yMin) * tick) / Y_TICKS;
    const y = toY(value).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y}" y2="${y}" stroke="#e4e7eb"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y}" dy="4" text-anchor="end" font-size="11" fill="#616e7c">${escapeHtml(formatY(value))}</text>`);
  }
  parts.push(`<text x="${MARGIN.left}" y="${height - 10}" font-size="11" fill="#616e7c">${escapeHtml(formatX(range.xMin))}</text>`);
  parts.push(`<text x="${width - MARGIN.right}" y="${height - 10}" text-anchor="end" font-size="11" fill="#616e7c">${escapeHtml(formatX(range.xMax))}</text>`);
  const sorted = [...lines].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  for (const line of sorted) {
    const points = envelope(line.x, line.y, plotWidth, range.xMin, range.xMax);
    if (points.x.length === 0) continue;
    const coordinates = points.x.map((x, index) => `${toX(x).toFixed(1)},${toY(points.y[index]).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" ${ROLE_STYLE[line.role]} points="${coordinates}"><title>${escapeHtml(line.label)}</title></polyline>`);
  }
  let legendX = MARGIN.left + 200;
  for (const line of sorted) {
    parts.push(`<line x1="${legendX}" x2="${legendX + 18}" y1="14" y2="14" ${ROLE_STYLE[line.role]}/><text x="${legendX + 22}" y="18" font-size="11" fill="#323f4b">${escapeHtml(line.label)}</text>`);
    legendX += 30 + line.label.length * 6.5;
  }
  parts.push('</svg>');
  return parts.join('');
}
