// Preloaded with --require into every target: appends one NDJSON memory sample every 250 ms (4 Hz).
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');

const file = process.env.POOLDOC_BENCH_NDJSON;
if (file) {
  // Append mode: a restarted process (new pid, same instance) continues the same file, as a log shipper would.
  const fd = fs.openSync(file, 'a');
  const instance = process.env.POOLDOC_BENCH_INSTANCE ?? 'target';
  const heapLimit = v8.getHeapStatistics().heap_size_limit; // fixed for the life of the process
  const sample = () => {
    const line = JSON.stringify({ ts: new Date().toISOString(), pid: process.pid, instance, ...process.memoryUsage(), heap_size_limit: heapLimit });
    fs.writeSync(fd, line + '\n');
  };
  setInterval(sample, 250).unref(); // unref: the sampler never keeps a finished target alive
  sample();
}
