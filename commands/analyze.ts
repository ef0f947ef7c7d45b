// `pooldoc analyze <pid>`: attach to a live Node process, watch memory and pools, detach, report.
import { writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { Args, Errors, Flags } from '@oclif/core';
import { buildAnalysis, hasErrorFindings, type AnalyzeResult } from '../src/attach/analysis.js';
import { parseDuration } from '../src/attach/duration.js';
import { runLive, type LiveRunResult } from '../src/attach/live-run.js';
import { snapshotFiles, type SnapshotPlan } from '../src/attach/snapshot-step.js';
import { processExists } from '../src/attach/proc.js';
import { attach, detach, OtherNetNamespaceError, type Attachment, type DetachOutcome } from '../src/attach/session.js';
import { detectHeapLeak } from '../src/detect/heap-leak.js';
import { judgeSnapshotGrowth, OBJECT_CANDIDATES_PER_ROW } from '../src/detect/snapshot-growth.js';
import { detectPoolPressure } from '../src/detect/pool-pressure.js';
import { PooldocError, TargetGoneError } from '../src/errors.js';
import { leakHorizonSeconds } from '../src/settings.js';
import { ExitCode } from '../src/findings.js';
import { renderAnalyzeHtml } from '../src/report/analyze-html.js';
import { renderAnalyzeText } from '../src/report/analyze-text.js';
import { heapChartLines } from '../src/report/trend-chart.js';
import { liveView } from '../src/report/analyze-live.js';
import { PooldocCommand } from './base.js';

/** Rows per list of the --snapshots diff (growing collections, objects, classes). */
const GROWTH_ROWS = 10;

export default class Analyze extends PooldocCommand<AnalyzeResult> {
  static override summary = 'Attach to a running Node process, watch its heap and pools, and report';
  static override description = `Attaches through the inspector protocol (SIGUSR1, no restart, no code change), samples memory and the
live counters of its pools, reads its sockets from /proc, runs the leak and pool-pressure detectors, then detaches and
closes the inspector if pooldoc opened it. Exit 0 clean, 1 leak or saturated/leaking pool, 2 cannot attach, 3 the
target exited during the run (partial report).`;

  static override examples = [
    '<%= config.bin %> analyze 4242',
    '<%= config.bin %> analyze 4242 --duration 2m --interval 2s',
    '<%= config.bin %> analyze 4242 --allocations --json > report.json',
    '<%= config.bin %> analyze 4242 --port 9230',
  ];

  static override args = {
    pid: Args.integer({ description: 'process id of the Node service', required: true }),
  };

  static override flags = {
    interval: Flags.string({ description: 'time between samples (500ms, 1s, …)', default: '1s' }),
    duration: Flags.string({ description: 'how long to watch (30s, 5m; 0 = until Ctrl-C)', default: '30s' }),
    gc: Flags.boolean({ description: 'force a full GC before each sample (pauses the target each time)', default: false }),
    pools: Flags.boolean({ description: 'find live pools (one heap walk at start pauses the target briefly)', default: true, allowNo: true }),
    allocations: Flags.boolean({ description: 'run the sampling heap profiler and report live allocation sites', default: false }),
    port: Flags.integer({ description: 'inspector already listening on this port (not opened, not closed by pooldoc)' }),
    host: Flags.string({ description: 'host of --port', default: '127.0.0.1' }),
    'inspect-url': Flags.string({ description: 'WebSocket URL of an inspector already open (ws://127.0.0.1:9229/<id>)' }),
    'allow-remote': Flags.boolean({ description: 'allow an inspector that is not on loopback', default: false }),
    snapshot: Flags.boolean({ description: 'take one heap snapshot at the end (pauses the target; refused without ~20× heapUsed of free memory)', default: false }),
    snapshots: Flags.integer({ description: 'take N heap snapshots --every apart from the start and diff them (what grows, with paths; a leak verdict from 3)', min: 2 }),
    every: Flags.string({ description: 'time between --snapshots (default: --duration spread over them); the run lasts at least (N-1)×every' }),
    'snapshot-file': Flags.string({ description: 'where --snapshot writes (default pooldoc-<pid>-<time>.heapsnapshot, mode 0600); --snapshots adds -1, -2, …' }),
    force: Flags.boolean({ description: 'take the --snapshot even when memory headroom looks too small', default: false }),
    html: Flags.string({ description: 'also write a self-contained HTML report to this file' }),
    horizon: Flags.string({ description: 'growth reaching the heap limit within this time is a leak, slower certain growth "growing" (default 24h, or leakHorizon in .pooldocrc)' }),
  };

  async run(): Promise<AnalyzeResult> {
    const { args, flags } = await this.parse(Analyze);
    const intervalMs = parseDuration(flags.interval, '--interval');
    // Read before attaching: a bad --horizon or config must fail before pooldoc touches the target.
    const horizonSeconds = leakHorizonSeconds(flags.horizon);
    const plan = snapshotPlan(args.pid, flags, parseDuration(flags.duration, '--duration', { allowForever: true }));
    const durationMs = plan.durationMs;
    const stop = new AbortController();
    const onSignal = () => {
      if (!stop.signal.aborted) process.stderr.write('\npooldoc: stopping, detaching from the target…\n');
      stop.abort(); // later signals are ignored: detaching must finish so the target is left as it was found
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      let attachment: Attachment;
      try {
        attachment = await attach(args.pid, { port: flags.port, host: flags.host, inspectUrl: flags['inspect-url'], allowRemote: flags['allow-remote'], notice: (message) => process.stderr.write(`pooldoc: ${message}\n`) });
      } catch (error) {
        const rerun = error instanceof OtherNetNamespaceError ? nsenterRerun(error.pid) : undefined;
        if (!rerun) throw error;
        process.stderr.write(`pooldoc: pid ${args.pid} is in another network namespace: running again inside it (${rerun.command} ${rerun.args.slice(0, 4).join(' ')} …)\n`);
        // The run inside the namespace detaches and reports on Ctrl-C itself; this process only waits for it.
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        throw new Errors.ExitError(await runInherited(rerun));
      }
      const view = !this.jsonEnabled() && process.stderr.isTTY ? liveView(process.stderr, durationMs) : undefined;
      let live: LiveRunResult;
      try {
        live = await runLive(attachment, { intervalMs, durationMs, gc: flags.gc, pools: flags.pools, allocations: flags.allocations, signal: stop.signal, onSample: view?.update,
          snapshot: plan.snapshot,
          notice: (message) => {
            view?.finish();
            process.stderr.write(`pooldoc: ${message}\n`);
          } });
      } catch (error) {
        await detach(attachment).catch(() => undefined);
        if (!processExists(args.pid)) throw new TargetGoneError(`pid ${args.pid} exited before the first reading: nothing to report`, { cause: error });
        throw error;
      } finally {
        view?.finish();
      }
      const outcome: DetachOutcome = await detach(attachment);
      const verdicts = {
        heap: detectHeapLeak(live.memory, { horizonSeconds }),
        pools: live.pools.map((pool) => detectPoolPressure(pool)),
        growth: live.snapshotSeries ? judgeSnapshotGrowth({ snapshotCount: live.snapshotSeries.files.length, ...live.snapshotSeries.series }, { top: GROWTH_ROWS, times: live.snapshotSeries.times }) : undefined,
      };
      const result = buildAnalysis(attachment, live, verdicts, outcome, { intervalMs, gc: flags.gc, knownRuleIds: await auditRuleIds() });
      const heapChart = heapChartLines(live.memory, verdicts.heap);
      if (flags.html) writeFileSync(flags.html, renderAnalyzeHtml(result, heapChart), { mode: 0o600 });
      if (!this.jsonEnabled()) this.log(renderAnalyzeText(result, heapChart));
      if (live.targetGone) {
        process.stderr.write(`pooldoc: pid ${args.pid} exited during the run: the report above is partial\n`);
        this.setExitCode(ExitCode.targetGone);
      } else if (hasErrorFindings(result)) this.setExitCode(ExitCode.findings);
      return result;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

/**
 * --snapshot: one snapshot at the end. --snapshots N: N snapshots --every apart from the start of sampling, so the
 * run lasts at least (N-1)×every; without --every they spread over --duration.
 */
function snapshotPlan(pid: number, flags: { snapshot: boolean; snapshots?: number; every?: string; 'snapshot-file'?: string; force: boolean }, durationMs: number): { durationMs: number; snapshot?: SnapshotPlan } {
  const count = flags.snapshots ?? (flags.snapshot ? 1 : 0);
  if (flags.every !== undefined && count < 2) throw new PooldocError('--every needs --snapshots N (N ≥ 2)');
  if (count === 0) return { durationMs };
  const base = flags['snapshot-file'] ?? `pooldoc-${pid}-${new Date().toISOString().replace(/[:.]/g, '-')}.heapsnapshot`;
  const files = snapshotFiles(base, count);
  if (count === 1) return { durationMs, snapshot: { files, everyMs: 0, force: flags.force, objectLimit: 0 } };
  if (flags.every === undefined && !Number.isFinite(durationMs)) throw new PooldocError('--snapshots with --duration 0 (until Ctrl-C) needs --every');
  const everyMs = flags.every !== undefined ? parseDuration(flags.every, '--every') : durationMs / (count - 1);
  return { durationMs: Math.max(durationMs, (count - 1) * everyMs), snapshot: { files, everyMs, force: flags.force, objectLimit: GROWTH_ROWS * OBJECT_CANDIDATES_PER_ROW } };
}

/**
 * Ids of the audit rules, for linking findings. Imported after the run, not at start-up: the registry pulls in
 * zod and every library's knowledge, which would delay the first reading.
 */
async function auditRuleIds(): Promise<Set<string>> {
  const { RULES } = await import('../src/audit/rules/index.js');
  return new Set(RULES.keys());
}

/** Marks the re-run inside the namespace, so it can never loop. */
const IN_NAMESPACE_ENV = 'POOLDOC_IN_TARGET_NETNS';

/**
 * The same command line, run by `nsenter -t <pid> -n` inside the target's network namespace, where its loopback
 * inspector is reachable: only as root (nsenter needs CAP_SYS_ADMIN), only once, only if nsenter exists. The pid
 * namespace is unchanged, so the pid on the command line still names the target.
 */
function nsenterRerun(pid: number): { command: string; args: string[] } | undefined {
  if (process.getuid?.() !== 0 || process.env[IN_NAMESPACE_ENV] !== undefined) return undefined;
  if (spawnSync('nsenter', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  return { command: 'nsenter', args: ['-t', String(pid), '-n', '--', process.execPath, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)] };
}

function runInherited(rerun: { command: string; args: string[] }): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(rerun.command, rerun.args, { stdio: 'inherit', env: { ...process.env, [IN_NAMESPACE_ENV]: '1' } });
    // Ctrl-C reaches the child too (same process group): it detaches and reports; we only wait for it.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    child.once('error', () => resolve(2));
    child.once('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal ? 3 : 2));
    });
  });
}
