// Inputs for the trend CLI tests: seeded NDJSON dumps and small leaking/healthy scripts for real --trace-gc logs.
import { writeFileSync } from 'node:fs';
import type { MemorySeries } from '../../src/series/types.js';

/** One `process.memoryUsage()`-style record per sample, plus optional extra fields per sample. */
export function writeNdjson(file: string, series: MemorySeries, extra: (index: number) => Record<string, unknown> = () => ({})): string {
  const lines: string[] = [];
  for (let index = 0; index < series.time.length; index++) {
    const record: Record<string, unknown> = { ts: new Date(series.time[index]).toISOString(), heapUsed: Math.round(series.columns.heapUsed![index]) };
    if (series.columns.heapLimit) record.heap_size_limit = series.columns.heapLimit[index];
    if (series.columns.rss) record.rss = Math.round(series.columns.rss[index]);
    lines.push(JSON.stringify({ ...record, ...extra(index) }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * A service that retains ~1 000 small objects every 50 ms for 6 s and drops garbage in between; gc() after
 * each tick gives a dense post-GC baseline. It records its own retained-heap growth in truth.json so the
 * test can check the slope pooldoc finds against what the process measured.
 */
export const LEAKING_SERVICE = `
const fs = require('fs');
const kept = [];
const startedAt = Date.now();
globalThis.gc();
const startHeap = process.memoryUsage().heapUsed;
function tick() {
  for (let i = 0; i < 1000; i++) kept.push({ i, text: 'leak-' + i + '-' + Date.now() });
  let garbage = [];
  for (let i = 0; i < 20000; i++) garbage.push({ i });
  garbage = null;
  globalThis.gc();
  if (Date.now() - startedAt < 6000) return setTimeout(tick, 50);
  const endHeap = process.memoryUsage().heapUsed;
  fs.writeFileSync('truth.json', JSON.stringify({ bytesPerHour: ((endHeap - startHeap) / (Date.now() - startedAt)) * 3600000 }));
}
tick();
`;

/** The same traffic, but its cache fills in the first second and then only replaces entries: a warm-up plateau. */
export const HEALTHY_SERVICE = `
const cache = new Map();
const startedAt = Date.now();
let sequence = 0;
function tick() {
  for (let i = 0; i < 1000; i++) {
    cache.set(sequence % 20000, { i, text: 'entry-' + sequence + '-' + Date.now() });
    sequence++;
  }
  let garbage = [];
  for (let i = 0; i < 20000; i++) garbage.push({ i });
  garbage = null;
  globalThis.gc();
  if (Date.now() - startedAt < 6000) setTimeout(tick, 50);
}
tick();
`;
