// `pooldoc trend`: leak and pool-pressure verdicts from metric dumps or a live Prometheus (thin: parse → read → detect → render).
import { writeFile } from 'node:fs/promises';
import { Flags } from '@oclif/core';
import { PooldocCommand } from './base.js';
import { detectTrends, hasFindings } from '../src/detect/trend.js';
import { fileError, InputError } from '../src/errors.js';
import { ExitCode } from '../src/findings.js';
import { parseBytes, parseDurationSeconds, parseInstant } from '../src/parse-values.js';
import { redact } from '../src/redact.js';
import { leakHorizonSeconds } from '../src/settings.js';
import { renderTrendHtml } from '../src/report/trend-html.js';
import { trendJson, type TrendResult } from '../src/report/trend-json.js';
import { renderTrendText } from '../src/report/trend-text.js';
import { parseMetricFlags, queryPrometheus, readSeries, SERIES_FORMATS, type PrometheusQueryOptions, type SeriesReadResult } from '../src/series/index.js';

export default class Trend extends PooldocCommand<TrendResult> {
  static override summary = 'Leak and pool-pressure verdicts from metric dumps (trace-gc, NDJSON/CSV, reports, Prometheus).';
  static override description = `Reads memory and pool series from files or a live Prometheus and judges each one: is the heap leaking
(Theil–Sen slope of the post-GC baseline, Mann–Kendall p-value, time to the heap limit), is native memory
growing under a flat heap, and are pools saturated or leaking clients. Exit 1 when anything leaks or a pool is
saturated or leaking clients; 2 on bad input.`;

  static override examples = [
    '<%= config.bin %> trend gc.log --start 2026-11-21T09:00:00Z',
    '<%= config.bin %> trend samples.ndjson --metric mem.heap=heapUsed --html trend.html',
    '<%= config.bin %> trend --prometheus http://127.0.0.1:9090 --since 12h --json',
  ];

  // Variadic files: oclif takes any number of positional arguments when strict is off.
  static override strict = false;

  static override flags = {
    format: Flags.option({ options: SERIES_FORMATS, description: 'force the input format instead of detecting it per file' })(),
    start: Flags.string({ description: 'wall-clock start of the process (ISO or epoch), anchors trace-gc times; default the file mtime' }),
    metric: Flags.string({ multiple: true, description: 'map a custom metric/column name: name=heapUsed|rss|…|pool.<name>.<inUse|idle|waiting|max|total>' }),
    prometheus: Flags.string({ description: 'read from a live Prometheus server at this URL (loopback only unless --allow-remote)' }),
    query: Flags.string({ description: 'PromQL expression to read instead of the default query set', dependsOn: ['prometheus'] }),
    since: Flags.string({ description: 'how far back to query Prometheus', default: '6h' }),
    step: Flags.string({ description: 'query resolution (default 15s, raised to stay under Prometheus point limits)' }),
    'allow-remote': Flags.boolean({ description: 'allow a non-loopback Prometheus URL', default: false }),
    'heap-limit': Flags.string({ description: 'heap limit when the input has none (e.g. 4g): sets the minimum effect and time to limit' }),
    html: Flags.string({ description: 'also write a self-contained HTML report with charts to this file' }),
    horizon: Flags.string({ description: 'growth reaching the heap limit within this time is a leak, slower certain growth "growing" (default 24h, or leakHorizon in .pooldocrc)' }),
  };

  async run(): Promise<TrendResult> {
    const { argv, flags } = await this.parse(Trend);
    const files = argv as string[];
    const metricMap = flags.metric ? parseMetricFlags(flags.metric) : undefined;
    if (files.length === 0 && !flags.prometheus) throw new InputError('no input: give metric dump files or --prometheus URL (see pooldoc trend --help)');
    const read: SeriesReadResult = files.length > 0
      ? await readSeries(files, { format: flags.format, start: flags.start ? parseInstant(flags.start, '--start') : undefined, metricMap })
      : await this.readPrometheus(flags.prometheus!, { query: flags.query, since: parseDurationSeconds(flags.since, '--since'), step: flags.step ? parseDurationSeconds(flags.step, '--step') : undefined, allowRemote: flags['allow-remote'], metricMap });
    const heapLimit = flags['heap-limit'] ? parseBytes(flags['heap-limit'], '--heap-limit') : undefined;
    const verdicts = detectTrends(read.memory, read.pools, { heapLimit, horizonSeconds: leakHorizonSeconds(flags.horizon) });
    const findings = hasFindings(verdicts);
    const result = redact(trendJson(verdicts, read, findings));
    if (flags.html) {
      try {
        await writeFile(flags.html, renderTrendHtml(result, verdicts, read.memory, read.pools));
      } catch (error) {
        throw fileError(flags.html, error);
      }
    }
    if (!this.jsonEnabled()) {
      for (const line of renderTrendText(result, verdicts, read.memory, { columns: process.stdout.columns })) this.log(line);
      if (flags.html) this.log(`HTML report: ${flags.html}`);
    }
    if (findings) this.setExitCode(ExitCode.findings);
    return result;
  }

  /** A live Prometheus gives the same series as files, minus sockets; its "file" is the server's origin. */
  private async readPrometheus(url: string, options: PrometheusQueryOptions): Promise<SeriesReadResult> {
    const live = await queryPrometheus(url, options);
    return { memory: live.memory, pools: live.pools, sockets: [], problems: live.problems, unparsedLines: live.unparsedLines, files: [] };
  }
}
