// The live terminal view while `analyze` runs (TTY only): the shared heap chart redrawn in place each sample,
// with the last reading, pools found and time left.
import type { LiveProgress } from '../attach/live-run.js';
import { terminalChart } from './chart.js';
import { formatBytes, formatDuration } from './format.js';
import { formatChartTime } from './trend-chart.js';

const CHART_HEIGHT = 6;
/** Room for the chart's y labels and margins. */
const LABEL_COLUMNS = 16;

/** Draws on stderr, rewriting its previous frame; `finish()` erases it before the report. */
export function liveView(stream: NodeJS.WriteStream, durationMs: number): { update: (progress: LiveProgress) => void; finish: () => void } {
  let drawnLines = 0;
  const erase = () => {
    if (drawnLines > 0) stream.write(`\x1b[${drawnLines}F\x1b[0J`);
    drawnLines = 0;
  };
  return {
    update(progress) {
      const last = progress.memory[progress.memory.length - 1];
      if (!last) return;
      const left = Number.isFinite(durationMs) ? `${formatDuration(Math.max(0, (durationMs - progress.elapsedMs) / 1000))} left` : 'Ctrl-C to stop';
      const width = Math.max(20, Math.min(80, (stream.columns ?? 100) - LABEL_COLUMNS));
      const time = progress.memory.map((sample) => sample.time);
      const heap = progress.memory.map((sample) => sample.heapUsed);
      const chart = progress.memory.length > 1 ? terminalChart([{ label: 'heap used', x: time, y: heap, role: 'raw' }], { width, height: CHART_HEIGHT, formatY: (value) => formatBytes(value), formatX: formatChartTime }) : [];
      const frame = [`heap ${formatBytes(last.heapUsed)} · rss ${formatBytes(last.rss)} · ${progress.pools} pool(s) · ${progress.memory.length} samples · ${left}`, ...chart];
      erase();
      stream.write(`${frame.join('\n')}\n`);
      drawnLines = frame.length;
    },
    finish: erase,
  };
}
