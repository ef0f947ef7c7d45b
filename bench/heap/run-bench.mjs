// The heap bench: pooldoc vs MemLab vs @vscode/v8-heap-parser (and the DevTools worker) on the same generated
// snapshots. Each tool runs alone in its own child under /usr/bin/time -v (wall time and peak RSS of the process
// tree), with a timeout; crashes, OOM and timeouts are results, not failures. Prints one table with ratios vs pooldoc.
//
//   npm run bench                      → 200mb and 1gb presets, every tool
//   npm run bench -- 200mb             → one preset
//   npm run bench -- --tools pooldoc,memlab --timeout 600
//   npm run bench -- --file some.heapsnapshot
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { makeSnapshot, PRESETS } from './make-snapshot.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
/** Peers get far more heap than they should need so that "OOM" means their design, not our limit (24 GB box). */
const PEER_HEAP_MB = 16384;
/** MemLab needed minutes for 200 MB on the loaded 2-core box; 15 min lets it finish 1 GB if it can at all. */
const DEFAULT_TIMEOUT_S = 900;

/** Each tool: node arguments for one file, and how to read its one-line JSON summary from stdout. */
const TOOLS = {
  pooldoc: {
    label: 'pooldoc engine (parse+dominators+retained+class summary)',
    args: (file) => [path.join(HERE, 'runners/pooldoc.mjs'), file],
  },
  'pooldoc-cli': {
    label: 'pooldoc heap --json (whole command)',
    args: (file) => [path.join(REPO, 'bin/run.js'), 'heap', file, '--json', '--top', '20'],
    summarize: (json) => ({ nodeCount: json.nodeCount, rootRetainedSize: json.totalSize }),
  },
  memlab: {
    label: 'MemLab 2.0.5 (parse+paths+dominators)',
    args: (file) => [`--max-old-space-size=${PEER_HEAP_MB}`, path.join(HERE, 'runners/memlab.mjs'), file],
  },
  vscode: {
    label: '@vscode/v8-heap-parser 0.1.0 (decode+class groups)',
    args: (file) => [`--max-old-space-size=${PEER_HEAP_MB}`, path.join(HERE, 'runners/vscode.mjs'), file],
  },
  devtools: {
    label: 'Chrome DevTools worker in Node (load+dominators+summary)',
    args: (file) => [`--max-old-space-size=${PEER_HEAP_MB}`, path.join(HERE, 'runners/devtools.mjs'), file],
  },
};

function parseArgs(argv) {
  const options = { presets: [], files: [], tools: Object.keys(TOOLS), timeoutS: DEFAULT_TIMEOUT_S };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--tools') options.tools = argv[++i].split(',');
    else if (arg === '--timeout') options.timeoutS = Number(argv[++i]);
    else if (arg === '--file') options.files.push(path.resolve(argv[++i]));
    else options.presets.push(arg);
  }
  if (!options.presets.length && !options.files.length) options.presets = Object.keys(PRESETS);
  for (const tool of options.tools) if (!TOOLS[tool]) throw new Error(`unknown tool ${tool}; known: ${Object.keys(TOOLS).join(', ')}`);
  return options;
}

/** Runs one tool on one file under /usr/bin/time -v; never throws. */
function runTool(tool, file, timeoutS) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-v', process.execPath, ...TOOLS[tool].args(file)], { cwd: HERE, env: { ...process.env, FORCE_COLOR: '0' }, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { if (stdout.length < 1 << 24) stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; if (stderr.length > 1 << 20) stderr = stderr.slice(-(1 << 19)); });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killTool(child.pid);
    }, timeoutS * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallS = (performance.now() - started) / 1000;
      const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
      // CPU seconds (user + system) say more than wall time when other work shares the cores.
      const cpuS = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? NaN) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? NaN);
      const exited = /Command (?:exited with non-zero status|terminated by signal) (\d+)/.exec(stderr);
      let status = 'ok';
      let summary;
      if (timedOut) status = `timeout ${timeoutS}s`;
      else if (code !== 0 || exited) status = describeFailure(stderr, exited?.[0]);
      else {
        try {
          const line = stdout.trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
          const json = JSON.parse(TOOLS[tool].summarize ? stdout : line);
          summary = TOOLS[tool].summarize ? TOOLS[tool].summarize(json) : json;
        } catch {
          status = 'no result';
        }
      }
      resolve({ tool, file, wallS, cpuS, rssKb, status, summary });
    });
  });
}

/**
 * Ends a timed-out tool: kill the tool under /usr/bin/time first so that time still reports its peak RSS, then,
 * should anything be left, the whole process group (the child was spawned detached, so it leads its own group).
 */
function killTool(timePid) {
  try {
    const children = readFileSync(`/proc/${timePid}/task/${timePid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const pid of children) process.kill(Number(pid), 'SIGKILL');
  } catch {
    // No /proc children list on this kernel: fall through to the group kill.
  }
  setTimeout(() => {
    try {
      process.kill(-timePid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5000).unref();
}

/** One word for why a peer failed: OOM, a WASM trap, a signal, or the first error line. */
function describeFailure(stderr, exitLine) {
  if (/heap out of memory|Allocation failed|Reached heap limit/i.test(stderr)) return 'OOM';
  if (/RuntimeError: unreachable/.test(stderr)) return 'crash (RuntimeError: unreachable)';
  if (/Cannot create a string longer|Invalid string length/.test(stderr)) return 'crash (string too long)';
  const firstError = stderr.split('\n').find((l) => /Error|error:/.test(l) && !/^\s+at /.test(l));
  return `crash (${(firstError ?? exitLine ?? 'unknown').trim().slice(0, 60)})`;
}

function fmtRatio(value, base) {
  return Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${(value / base).toFixed(1)}×` : '–';
}

function printTable(results) {
  const rows = [['file', 'tool', 'status', 'wall', 'CPU', 'peak RSS', 'wall ×', 'CPU ×', 'RSS ×', 'nodes', 'root retained']];
  for (const file of [...new Set(results.map((r) => r.file))]) {
    const base = results.find((r) => r.file === file && r.tool === 'pooldoc' && r.status === 'ok');
    for (const r of results.filter((x) => x.file === file)) {
      const ok = r.status === 'ok';
      rows.push([
        `${path.basename(file)} (${(statSync(file).size / 1e6).toFixed(0)} MB)`,
        r.tool,
        r.status,
        `${r.wallS.toFixed(1)} s`,
        Number.isFinite(r.cpuS) ? `${r.cpuS.toFixed(1)} s` : '–',
        Number.isFinite(r.rssKb) ? `${(r.rssKb / 1e6).toFixed(2)} GB` : '–',
        ok ? fmtRatio(r.wallS, base?.wallS) : '–',
        ok ? fmtRatio(r.cpuS, base?.cpuS) : '–',
        Number.isFinite(r.rssKb) ? fmtRatio(r.rssKb, base?.rssKb) : '–',
        r.summary?.nodeCount?.toLocaleString('en-US') ?? '–',
        r.summary?.rootRetainedSize?.toLocaleString('en-US') ?? '–',
      ]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  const line = (row) => `| ${row.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('\n× columns are ratios to the pooldoc engine row on the same file (higher = worse than pooldoc).');
  console.log('CPU is user + system seconds; peak RSS is "Maximum resident set size"; both from /usr/bin/time -v of the tool process.');
  console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; shared cores make wall times noisy.`);
}

const options = parseArgs(process.argv.slice(2));
const files = [...options.files];
for (const preset of options.presets) files.push(makeSnapshot(preset, PRESETS[preset]));
for (const file of files) if (!existsSync(file)) throw new Error(`no such snapshot: ${file}`);
const results = [];
for (const file of files) {
  for (const tool of options.tools) {
    process.stderr.write(`${tool} on ${path.basename(file)}… `);
    const result = await runTool(tool, file, options.timeoutS);
    process.stderr.write(`${result.status} ${result.wallS.toFixed(1)} s wall, ${result.cpuS.toFixed(1)} s CPU, ${(result.rssKb / 1e6).toFixed(2)} GB\n`);
    results.push(result);
  }
}
printTable(results);
