// Draws ProgressSink updates on one stderr line (TTY only), at most every 100 ms so drawing never costs time.
import type { ProgressSink } from '../progress.js';

const REDRAW_INTERVAL_MS = 100;

export function stderrProgress(stream: NodeJS.WriteStream): ProgressSink {
  let lastDraw = 0;
  let lastPhase = '';
  return (phase, done, total) => {
    const now = Date.now();
    const finished = total > 0 && done >= total;
    if (phase === lastPhase && !finished && now - lastDraw < REDRAW_INTERVAL_MS) return;
    lastDraw = now;
    lastPhase = phase;
    const percent = total > 0 ? ` ${Math.min(100, Math.floor((done / total) * 100))}%` : '';
    stream.write(`\r\x1b[2K${phase}${percent}${finished ? '\n' : ''}`);
  };
}
