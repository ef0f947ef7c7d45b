// Times `pooldoc audit` against ESLint (one no-restricted-syntax rule, @typescript-eslint/parser) on the generated
// repository, plus raw parse speed of oxc-parser vs @typescript-eslint/parser, and prints one table with ratios.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', 'out', 'audit-repo');
const pooldoc = join(here, '..', '..', 'bin', 'run.js');
const eslint = join(here, 'node_modules', 'eslint', 'bin', 'eslint.js');
/** Median of RUNS runs: the machine is shared, single runs are noisy. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** CPU time of waited-for children (utime+stime, /proc/self/stat fields 16–17): honest on a shared, loaded machine. */
const CLOCK_TICKS_PER_SECOND = 100;
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN; // not Linux: the CPU column stays empty
  }
}

function timeCommand(args, options) {
  const samples = [];
  const cpu = [];
  let last;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const cpuStart = childrenCpuMs();
    last = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
    samples.push(performance.now() - start);
    cpu.push(childrenCpuMs() - cpuStart);
    if (last.status !== 0 && last.status !== 1) throw new Error(`${args.join(' ')} exited ${last.status}: ${last.stderr.slice(0, 500)}`);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], cpuMs: cpu[Math.floor(cpu.length / 2)], output: last.stdout };
}

function listFiles(dir, into = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, into);
    else if (path.endsWith('.ts')) into.push(path);
  }
  return into;
}

function timeParse(parseOne, texts) {
  const start = performance.now();
  for (const [file, text] of texts) parseOne(file, text);
  return performance.now() - start;
}

const files = listFiles(repo);
const texts = files.map((file) => [file, readFileSync(file, 'utf8')]);
const requireRoot = createRequire(join(here, '..', '..', 'package.json'));
const requireBench = createRequire(join(here, 'package.json'));
const { parseSync } = await import(requireRoot.resolve('oxc-parser'));
const tsParser = requireBench('@typescript-eslint/parser');

const oxcMs = timeParse((file, text) => parseSync(file, text, { sourceType: 'module' }), texts);
const tsMs = timeParse((file, text) => tsParser.parse(text, { ecmaVersion: 'latest', sourceType: 'module', loc: true, range: true, filePath: file }), texts);
const audit = timeCommand([pooldoc, 'audit', '.', '--format', 'json']);
const lint = timeCommand([eslint, '--no-warn-ignored', '-c', join(here, 'eslint.config.mjs'), '-f', 'json', '.']);

const auditFindings = JSON.parse(audit.output).findings.length;
const auditSites = JSON.parse(audit.output).summary.configs;
const lintSites = JSON.parse(lint.output).reduce((sum, result) => sum + result.messages.length, 0);

const rows = [
  ['pooldoc audit (CLI, end to end)', audit.ms, audit.cpuMs, `${auditSites} sites, ${auditFindings} findings`],
  ['eslint no-restricted-syntax (CLI, @typescript-eslint/parser)', lint.ms, lint.cpuMs, `${lintSites} sites matched`],
  ['oxc-parser parseSync, all files (in-process)', oxcMs, NaN, `${files.length} files`],
  ['@typescript-eslint/parser parse, all files (in-process)', tsMs, NaN, `${files.length} files`],
];
const pad = (text, width) => String(text).padEnd(width);
console.log(`\n${files.length} files · ${cpus().length} cores · load average ${loadavg()[0].toFixed(1)} · median of ${RUNS} CLI runs\n`);
console.log(`${pad('what', 62)} ${pad('wall ms', 9)} ${pad('CPU ms', 9)} ${pad('× pooldoc', 10)} result`);
for (const [name, ms, cpuMs, result] of rows) {
  console.log(`${pad(name, 62)} ${pad(ms.toFixed(0), 9)} ${pad(Number.isNaN(cpuMs) ? '' : cpuMs.toFixed(0), 9)} ${pad((ms / audit.ms).toFixed(2), 10)} ${result}`);
}
console.log(`\noxc-parser vs @typescript-eslint/parser: ${(tsMs / oxcMs).toFixed(1)}× faster to parse; target for pooldoc audit: ≤ 3000 ms.`);
