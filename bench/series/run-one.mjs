// Runs one contestant on one file in its own process, so peak RSS is its own; prints one JSON line.
import { statSync } from 'node:fs';
import { CONTESTANTS } from './contestants.mjs';

const [name, file] = process.argv.slice(2);
const contestant = CONTESTANTS[name];
const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
const rows = await contestant.run(file);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// CPU time (user + system, all threads) is less disturbed by other load on a shared machine than wall time.
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const megabytes = statSync(file).size / 1e6;
console.log(JSON.stringify({ name, rows, seconds, cpuSeconds, megabytesPerSecond: megabytes / seconds, megabytesPerCpuSecond: megabytes / cpuSeconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
