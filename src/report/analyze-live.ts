// The live terminal view while `analyze` runs (TTY only): heap sparkline, last reading, pools found, time left.
import type { LiveProgress } from '../attach/live-run.js';
import { formatBytes, formatDuration } from './format.js';
import { sparkline } from './sparkline.js';

/** Draws on one stderr line, rewritten in place each sample; `finish()` clears it before the report. */
export function liveView(stream: NodeJS.WriteStream, durationMs: number): { update: (progress: LiveProgress) => void; finish: () => void } {
  return {
    update(progress) {
      const last = progress.memory[progress.memory.length - 1];
      if (!last) return;
      const left = Number.isFinite(durationMs) ? `${formatDuration(Math.max(0, (durationMs - progress.elapsedMs) / 1000))} left` : 'Ctrl-C to stop';
      const width = Math.max(10, (stream.columns ?? 100) - 70);
      stream.write(`\r\x1b[2Kheap ${formatBytes(last.heapUsed)} ${sparkline(progress.memory.map((sample) => sample.heapUsed), width)} rss ${formatBytes(last.rss)} · ${progress.pools} pool(s) · ${left}`);
    },
    finish() {
      stream.write('\r\x1b[2K');
    },
  };
}
