// A terminal line chart in braille dots (2×4 per character): heap, baseline and fit; reused by `analyze`.
import { envelope, extent, type PlotLine } from './plot-points.js';

export interface TerminalChartOptions {
  /** Plot area in characters (the y labels add their own width). */
  width?: number;
  height?: number;
  formatY?: (value: number) => string;
  formatX?: (value: number) => string;
  /** Colours a run of characters of one role; identity when colour is off. */
  paint?: (role: PlotLine['role'], text: string) => string;
}

const DEFAULT_WIDTH = 60;
const DEFAULT_HEIGHT = 10;
/** Unicode braille: U+2800 plus one bit per dot; [column][row] of the 2×4 cell. */
const BRAILLE_BASE = 0x2800;
const DOT_BITS = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];
/** Later roles draw over earlier ones where they share a character. */
const ROLE_ORDER: PlotLine['role'][] = ['raw', 'limit', 'baseline', 'fit'];

/** Renders lines into text rows: y labels, the plot, an x axis with the first and last x label. */
export function terminalChart(lines: readonly PlotLine[], options: TerminalChartOptions = {}): string[] {
  const width = Math.max(10, options.width ?? DEFAULT_WIDTH);
  const height = Math.max(3, options.height ?? DEFAULT_HEIGHT);
  const formatY = options.formatY ?? ((value: number) => value.toPrecision(3));
  const formatX = options.formatX ?? ((value: number) => String(value));
  const paint = options.paint ?? ((_role, text) => text);
  const drawn = [...lines].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const range = extent(drawn);
  if (!Number.isFinite(range.xMin)) return ['(no data to chart)'];

  const dotsWide = width * 2;
  const dotsHigh = height * 4;
  const cells = new Uint8Array(width * height);
  const owner = new Int8Array(width * height).fill(-1);
  const toDotX = (x: number) => Math.round(((x - range.xMin) / (range.xMax - range.xMin)) * (dotsWide - 1));
  const toDotY = (y: number) => dotsHigh - 1 - Math.round(((y - range.yMin) / (range.yMax - range.yMin)) * (dotsHigh - 1));
  const plot = (dotX: number, dotY: number, role: number) => {
    if (dotX < 0 || dotX >= dotsWide || dotY < 0 || dotY >= dotsHigh) return;
    const cell = (dotY >> 2) * width + (dotX >> 1);
    cells[cell] |= DOT_BITS[dotX & 1][dotY & 3];
    owner[cell] = role;
  };
  for (const line of drawn) {
    const role = ROLE_ORDER.indexOf(line.role);
    const points = envelope(line.x, line.y, dotsWide, range.xMin, range.xMax);
    for (let index = 0; index < points.x.length; index++) {
      const toX = toDotX(points.x[index]), toY = toDotY(points.y[index]);
      if (index === 0) plot(toX, toY, role);
      else drawSegment(toDotX(points.x[index - 1]), toDotY(points.y[index - 1]), toX, toY, (x, y) => plot(x, y, role));
    }
  }

  const labels = [formatY(range.yMax), formatY((range.yMax + range.yMin) / 2), formatY(range.yMin)];
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const rows: string[] = [];
  for (let row = 0; row < height; row++) {
    const label = row === 0 ? labels[0] : row === height - 1 ? labels[2] : row === height >> 1 ? labels[1] : '';
    let text = '';
    let run = '';
    let runRole = -2;
    for (let column = 0; column < width; column++) {
      const cell = row * width + column;
      const role = cells[cell] === 0 ? -1 : owner[cell];
      const glyph = cells[cell] === 0 ? ' ' : String.fromCharCode(BRAILLE_BASE + cells[cell]);
      if (role !== runRole && run) {
        text += runRole >= 0 ? paint(ROLE_ORDER[runRole], run) : run;
        run = '';
      }
      runRole = role;
      run += glyph;
    }
    text += runRole >= 0 ? paint(ROLE_ORDER[runRole], run) : run;
    rows.push(`${label.padStart(labelWidth)} ┤${text}`);
  }
  const first = formatX(range.xMin);
  const last = formatX(range.xMax);
  rows.push(`${' '.repeat(labelWidth)} └${'─'.repeat(width)}`);
  rows.push(`${' '.repeat(labelWidth + 2)}${first}${last.padStart(Math.max(1, width - first.length))}`);
  return rows;
}

/** Bresenham's line between two dots. */
function drawSegment(x0: number, y0: number, x1: number, y1: number, plot: (x: number, y: number) => void): void {
  const dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0);
  const stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1;
  let error = dx + dy;
  for (;;) {
    plot(x0, y0);
    if (x0 === x1 && y0 === y1) return;
    const doubled = 2 * error;
    if (doubled >= dy) {
      error += dy;
      x0 += stepX;
    }
    if (doubled <= dx) {
      error += dx;
      y0 += stepY;
    }
  }
}
