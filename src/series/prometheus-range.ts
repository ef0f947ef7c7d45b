// Prometheus `query_range` JSON (a saved API response, or a live one) → memory and pool series.
import path from 'node:path';
import { InputError } from '../errors.js';
import { parseJsonDocument } from './json-position.js';
import { PrometheusSeriesBuilder } from './prometheus-builder.js';
import type { MetricMeaning } from './prometheus-names.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';

interface RangeResult {
  metric?: Record<string, string>;
  values?: [number, string][];
  value?: [number, string];
}

/** Feeds one API response's matrix (or vector) into `builder`; `fallback` names results without __name__. */
export function addRangeResponse(response: unknown, builder: PrometheusSeriesBuilder, context: ReadContext, fallback?: MetricMeaning): void {
  const body = response as { status?: string; error?: string; data?: { resultType?: string; result?: RangeResult[] } };
  if (body?.status !== 'success') throw new InputError(`Prometheus response is not a success: ${body?.error ?? body?.status ?? 'no status'}`, { file: context.file });
  const results = body.data?.result;
  if (!Array.isArray(results)) throw new InputError('Prometheus response has no data.result array', { file: context.file });
  results.forEach((result, index) => {
    const labels = result.metric ?? {};
    const name = labels.__name__;
    const meaning = name !== undefined ? builder.meaning(name) : fallback;
    if (!meaning) {
      if (name === undefined) context.problems.add(context.file, index + 1, `result ${index + 1} has no __name__ (an expression): map it with --metric or query the metric itself`);
      else builder.unknownNames.add(name);
      return;
    }
    // Values are strings ("NaN", "+Inf" included); timestamps are float seconds. Newer servers may send
    // native histograms instead of values: those are not gauges pooldoc reads.
    const values = result.values ?? (result.value ? [result.value] : []);
    for (const [seconds, text] of values) builder.add(name ?? '', labels, Math.round(seconds * 1000), Number(text), meaning);
  });
}

/** Reads a saved query_range (or instant query) JSON file. */
export function readPrometheusRange(text: string, context: ReadContext): ReaderOutput {
  const builder = new PrometheusSeriesBuilder(context.file, path.basename(context.file), context.metricMap);
  addRangeResponse(parseJsonDocument(text, context.file), builder, context);
  return { ...builder.finish(), sockets: [] };
}
