// Generates the bench inputs into bench/out/: BENCH_MB (default 1024) MB each of NDJSON samples and a trace-gc log.
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const OUT = fileURLToPath(new URL('../out/', import.meta.url));
export const TARGET_BYTES = Number(process.env.BENCH_MB ?? 1024) * 1024 * 1024;
export const NDJSON_FILE = `${OUT}samples.ndjson`;
export const TRACE_GC_FILE = `${OUT}trace-gc.log`;
/** Lines are built in blocks this big and written with one syscall each. */
const BLOCK_BYTES = 4 * 1024 * 1024;
const MIB = 1024 * 1024;

/** Deterministic xorshift32, so every run generates the same bytes. */
function rng(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

function writeFile(file, nextLine) {
  // Reuse a file made for this BENCH_MB (the last block overshoots the target by less than a block).
  if (existsSync(file) && Math.abs(statSync(file).size - TARGET_BYTES) < BLOCK_BYTES + MIB) return console.log(`bench: reusing ${file}`);
  mkdirSync(OUT, { recursive: true });
  const fd = openSync(file, 'w');
  let written = 0;
  let index = 0;
  while (written < TARGET_BYTES) {
    const lines = [];
    let size = 0;
    while (size < BLOCK_BYTES) {
      const line = nextLine(index++);
      lines.push(line);
      size += line.length + 1;
    }
    written += writeSync(fd, lines.join('\n') + '\n');
  }
  closeSync(fd);
  console.log(`bench: wrote ${(written / MIB).toFixed(0)} MiB, ${index} lines to ${file}`);
}

/** process.memoryUsage() + v8.getHeapStatistics() once a second, a leaking heap sawtooth, pool counters every 5th line. */
function ndjsonLine(random) {
  const start = Date.UTC(2024, 4, 1);
  return (index) => {
    const heapUsed = Math.round(40 * MIB + index * 64 + random() * 30 * MIB);
    const heapTotal = heapUsed + Math.round(10 * MIB + random() * MIB);
    const record = {
      ts: new Date(start + index * 1000).toISOString(),
      pid: 4242,
      rss: heapTotal + Math.round(60 * MIB + random() * 4 * MIB),
      heapTotal,
      heapUsed,
      external: Math.round(2 * MIB + random() * 1e5),
      arrayBuffers: Math.round(1e5 + random() * 1e4),
      total_heap_size: heapTotal,
      used_heap_size: heapUsed,
      heap_size_limit: 4345298944,
      malloced_memory: 262296,
      number_of_detached_contexts: 0,
    };
    if (index % 5 === 0) record.pools = { pg: { totalCount: 10, idleCount: Math.floor(random() * 3), waitingCount: Math.floor(random() * 4), max: 10 } };
    return JSON.stringify(record);
  };
}

/** Node 22 style lines (pooled:), one Mark-Compact per 12 Scavenges, ms since isolate start climbing. */
function traceGcLine(random) {
  return (index) => {
    const ms = 30 + index * 7;
    const heap = 20 + (index % 500) * 0.05 + random() * 8;
    const pause = (random() * 3).toFixed(2);
    if (index % 13 === 12) {
      const before = heap + 10;
      return `[18328:0x24542000] ${String(ms).padStart(8)} ms: Mark-Compact ${before.toFixed(1)} (${(before + 20).toFixed(1)}) -> ${heap.toFixed(1)} (${(heap + 14).toFixed(1)}) MB, pooled: 0 MB, ${pause} / 0.00 ms  (+ 0.5 ms in 0 steps since start of marking, biggest step 0.0 ms, walltime since start of marking 37 ms) (average mu = 0.883, current mu = 0.883) finalize incremental marking via stack guard; GC in old space requested`;
    }
    return `[18328:0x24542000] ${String(ms).padStart(8)} ms: Scavenge ${(heap + 2).toFixed(1)} (${(heap + 20).toFixed(1)}) -> ${heap.toFixed(1)} (${(heap + 21).toFixed(1)}) MB, pooled: 0 MB, ${pause} / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; `;
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFile(NDJSON_FILE, ndjsonLine(rng(42)));
  writeFile(TRACE_GC_FILE, traceGcLine(rng(7)));
}
