// `pooldoc analyze <pid>`: attach to a live Node process, watch memory and pools, detach, report.
import { writeFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { Args, Flags } from '@oclif/core';
import { buildAnalysis, hasErrorFindings, type AnalyzeResult } from '../src/attach/analysis.js';
import { parseDuration } from '../src/attach/duration.js';
import { runLive, type LiveRunResult } from '../src/attach/live-run.js';
import { processExists } from '../src/attach/proc.js';
import { attach, detach, type DetachOutcome } from '../src/attach/session.js';
import { detectHeapLeak } from '../src/detect/heap-leak.js';
import { detectPoolPressure } from '../src/detect/pool-pressure.js';
import { TargetGoneError } from '../src/errors.js';
import { ExitCode } from '../src/findings.js';
import { renderAnalyzeText } from '../src/report/analyze-text.js';
import { liveView } from '../src/report/analyze-live.js';
import { PooldocCommand } from './base.js';

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
    html: Flags.string({ description: 'also write a self-contained HTML report to this file' }),
  };

  async run(): Promise<AnalyzeResult> {
    const { args, flags } = await this.parse(Analyze);
    const intervalMs = parseDuration(flags.interval, '--interval');
    const durationMs = parseDuration(flags.duration, '--duration', { allowForever: true });
    const stop = new AbortController();
    const onSignal = () => {
      if (!stop.signal.aborted) process.stderr.write('\npooldoc: stopping, detaching from the target…\n');
      stop.abort(); // later signals are ignored: detaching must finish so the target is left as it was found
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const attachment = await attach(args.pid, { port: flags.port, host: flags.host, inspectUrl: flags['inspect-url'], allowRemote: flags['allow-remote'] });
      const view = !this.jsonEnabled() && process.stderr.isTTY ? liveView(process.stderr, durationMs) : undefined;
      let live: LiveRunResult;
      try {
        live = await runLive(attachment, { intervalMs, durationMs, gc: flags.gc, pools: flags.pools, allocations: flags.allocations, signal: stop.signal, onSample: view?.update });
      } catch (error) {
        await detach(attachment).catch(() => undefined);
        if (!processExists(args.pid)) throw new TargetGoneError(`pid ${args.pid} exited before the first reading: nothing to report`, { cause: error });
        throw error;
      } finally {
        view?.finish();
      }
      const outcome: DetachOutcome = await detach(attachment);
      const verdicts = { heap: detectHeapLeak(live.memory), pools: live.pools.map((pool) => detectPoolPressure(pool)) };
      const result = buildAnalysis(attachment, live, verdicts, outcome, intervalMs, flags.gc);
      if (flags.html) writeFileSync(flags.html, renderAnalyzeHtmlFallback(result), { mode: 0o600 });
      if (!this.jsonEnabled()) this.log(renderAnalyzeText(result));
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

/** Until the shared HTML renderer lands: the text report in a <pre>, escaped. */
function renderAnalyzeHtmlFallback(result: AnalyzeResult): string {
  const text = stripVTControlCharacters(renderAnalyzeText(result));
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html><meta charset="utf-8"><title>pooldoc analyze ${result.target.pid}</title><pre>${escaped}</pre>\n`;
}
