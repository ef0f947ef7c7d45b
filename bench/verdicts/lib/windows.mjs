// Cuts one recorded input to the prefix a shorter run would have recorded: the first N seconds of the recording,
// by each line's own clock (ISO ts in NDJSON, the ms field of a GC trace line plus its process's start, the scrape
// time of a Prometheus sample).
import { readFileSync } from 'node:fs';

/** Relative ms of each line (NaN: keep with the line before, e.g. a trace line without a time). */
function lineTimes(kind, lines, meta) {
  if (kind.startsWith('ndjson')) return lines.map((line) => Date.parse(JSON.parse(line).ts) - meta.originMs);
  if (kind === 'prometheus') return lines.map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)) - meta.originMs);
  // trace-gc and trace-gc-nvp: "[pid:0x…]  1234 ms: …"; each process's clock starts at its own spawn.
  const offsets = new Map(meta.processes.map((process) => [process.pid, process.spawnedAt - meta.originMs]));
  return lines.map((line) => {
    const match = /^\[(\d+):[^\]]*\]\s+(\d+) ms:/.exec(line);
    return match ? (offsets.get(Number(match[1])) ?? 0) + Number(match[2]) : Number.NaN;
  });
}

/** The file's text up to windowMs after the recording's start. */
export function cutToWindow(file, kind, meta, windowMs) {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const times = lineTimes(kind, lines, meta);
  const kept = [];
  let last = 0;
  for (const [index, line] of lines.entries()) {
    const time = Number.isNaN(times[index]) ? last : times[index];
    last = time;
    if (time > windowMs) break;
    kept.push(line);
  }
  return kept.join('\n') + '\n';
}
