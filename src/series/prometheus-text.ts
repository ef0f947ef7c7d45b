// Prometheus text exposition (one scrape per file, or concatenated scrapes with timestamps) → series.
import { scanBufferLines, scanFileLines } from './line-scanner.js';
import { excerpt } from './problems.js';
import { PrometheusSeriesBuilder, type Labels } from './prometheus-builder.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';
import { valueToMillis } from './timestamps.js';

/** `# 2024-05-01T10:00:00Z`, `# time: 1714557600`, `# scrape 1714557600000`: the time of the scrape that follows. */
const SCRAPE_TIME_COMMENT = /^#\s*(?:(?:scrape(?:[ _]time)?|time(?:stamp)?)\s*[:=]?\s*)?(\d{4}-\d\d-\d\dT\S+|\d{9,19}(?:\.\d+)?)\s*$/i;
/**
 * Scrapes saved straight from /metrics have no instance label: files without one are taken to be scrapes
 * of the same process, so one scrape per file joins into one series.
 */
const UNLABELLED_INSTANCE = 'scraped process';
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:.]*/;

interface ParsedSample {
  name: string;
  labels: Labels;
  value: number;
  timestampMs?: number;
}

/** Parses `name{a="b",c="d"} value [timestamp]`; undefined when the line is not a sample. */
export function parseSampleLine(line: string): ParsedSample | undefined {
  const nameMatch = METRIC_NAME.exec(line);
  if (!nameMatch) return undefined;
  const name = nameMatch[0];
  let i = name.length;
  const labels: Labels = {};
  if (line[i] === '{') {
    i++;
    for (;;) {
      while (line[i] === ' ' || line[i] === ',') i++;
      if (line[i] === '}') {
        i++;
        break;
      }
      const equals = line.indexOf('=', i);
      if (equals === -1 || line[equals + 1] !== '"') return undefined;
      const key = line.slice(i, equals).trim();
      let value = '';
      let j = equals + 2;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\') {
          j++;
          value += line[j] === 'n' ? '\n' : line[j];
        } else value += line[j];
      }
      if (j >= line.length) return undefined;
      labels[key] = value;
      i = j + 1;
    }
  }
  const rest = line.slice(i).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2 || rest[0] === '') return undefined;
  const value = rest[0] === '+Inf' ? Infinity : rest[0] === '-Inf' ? -Infinity : Number(rest[0]);
  if (Number.isNaN(value) && rest[0] !== 'NaN') return undefined;
  const timestampMs = rest.length === 2 ? Number(rest[1]) : undefined;
  if (timestampMs !== undefined && !Number.isFinite(timestampMs)) return undefined;
  return { name, labels, value, timestampMs };
}

function lineReader(context: ReadContext, builder: PrometheusSeriesBuilder, state: { usedMtime: boolean }) {
  let scrapeTime: number | undefined;
  let seenInScrape = new Set<string>();
  let untimedRepeat = false;
  return (buffer: Buffer, start: number, end: number, lineNumber: number): void => {
    const line = buffer.toString('utf8', start, end).trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const time = SCRAPE_TIME_COMMENT.exec(line);
      if (time) {
        scrapeTime = valueToMillis(/^[\d.]+$/.test(time[1]) ? Number(time[1]) : time[1]);
        seenInScrape = new Set();
        untimedRepeat = false;
      }
      return;
    }
    const sample = parseSampleLine(line);
    if (!sample) {
      context.problems.add(context.file, lineNumber, `not a Prometheus sample line: ${excerpt(line)}`);
      return;
    }
    let time = sample.timestampMs;
    if (time === undefined) {
      // Without timestamps a repeated series means a second scrape whose time nobody wrote down.
      const key = `${sample.name}${JSON.stringify(sample.labels)}`;
      if (seenInScrape.has(key)) untimedRepeat = true;
      seenInScrape.add(key);
      if (untimedRepeat) {
        context.problems.add(context.file, lineNumber, 'another scrape without timestamps: add sample timestamps or a "# time: <ISO or epoch>" line before each scrape, or write one scrape per file');
        return;
      }
      if (scrapeTime === undefined) state.usedMtime = true;
      time = scrapeTime ?? context.mtimeMs;
    }
    builder.add(sample.name, sample.labels, time, sample.value);
  };
}

function finish(context: ReadContext, builder: PrometheusSeriesBuilder, state: { usedMtime: boolean }): ReaderOutput {
  const { memory, pools } = builder.finish();
  if (state.usedMtime) for (const series of memory) series.timeAnchor = 'file-mtime';
  if (memory.length === 0 && pools.length === 0 && builder.unknownNames.size > 0) {
    const names = [...builder.unknownNames].slice(0, 3).join(', ');
    context.problems.note(context.file, 1, `no metric pooldoc knows among ${builder.unknownNames.size} names (${names}, …): map one with --metric <name>=heapUsed`);
  }
  return { memory, pools, sockets: [] };
}

export async function readPrometheusTextFile(context: ReadContext): Promise<ReaderOutput> {
  const builder = new PrometheusSeriesBuilder(context.file, UNLABELLED_INSTANCE, context.metricMap);
  const state = { usedMtime: false };
  await scanFileLines(context.file, lineReader(context, builder, state));
  return finish(context, builder, state);
}

/** The same over a body in memory (a fetched /metrics page, a test string). */
export function readPrometheusText(text: string, context: ReadContext): ReaderOutput {
  const builder = new PrometheusSeriesBuilder(context.file, UNLABELLED_INSTANCE, context.metricMap);
  const state = { usedMtime: false };
  scanBufferLines(Buffer.from(text, 'utf8'), lineReader(context, builder, state));
  return finish(context, builder, state);
}
