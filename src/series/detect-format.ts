// Guesses an input's format from its first bytes and name, so `pooldoc trend FILE…` needs no --format.

/** Every input format readSeries accepts (the `--format` values). */
export const SERIES_FORMATS = ['ndjson', 'json', 'csv', 'trace-gc', 'trace-gc-nvp', 'report', 'prometheus-text', 'prometheus-range'] as const;
export type SeriesFormat = (typeof SERIES_FORMATS)[number];

/** How much of a file detection looks at: enough for a header and dozens of lines. */
export const SNIFF_BYTES = 64 * 1024;
/** A trace-gc log may start with the app's own output: look this many lines for a GC line. */
const TRACE_GC_LOOKAHEAD_LINES = 200;
/** More control bytes than this share of the sample means binary, not a text format. */
const BINARY_CONTROL_SHARE = 0.1;

const TRACE_GC_LINE = /^\[\d+:0x[0-9a-fA-F]+(?::\d+)?\]\s+[\d.]+ ms: (pause=)?/;
const PROMETHEUS_SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?\s+[-+]?(\d|NaN|Inf)/;
const REPORT_NAME = /^report\..*\.json$/i;

/** Why a file cannot be read as any format: empty, binary, or simply not recognised. */
export type UnreadableReason = 'empty' | 'binary' | 'unrecognised';

/** The first byte offset that looks binary (NUL or a run of control bytes), or -1 for text. */
export function binaryOffset(sample: Buffer): number {
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i];
    if (byte === 0) return i;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  return controls > sample.length * BINARY_CONTROL_SHARE ? 0 : -1;
}

/**
 * The format of a file from its first bytes (up to SNIFF_BYTES) and its base name, or the reason there is
 * none. JSON shapes are told apart by their keys; line formats by their first meaningful lines.
 */
export function detectFormat(firstBytes: Buffer, fileName: string): SeriesFormat | UnreadableReason {
  let text = firstBytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return 'empty';
  if (binaryOffset(firstBytes) !== -1) return 'binary';
  const lines = text.split('\n', TRACE_GC_LOOKAHEAD_LINES).map((line) => line.replace(/\r$/, ''));
  for (const line of lines) {
    const match = TRACE_GC_LINE.exec(line);
    if (match) return match[1] ? 'trace-gc-nvp' : 'trace-gc';
  }
  const start = text.trimStart();
  const baseName = fileName.split(/[\\/]/).pop() ?? fileName;
  if (start.startsWith('{')) {
    if (/"resultType"\s*:/.test(text)) return 'prometheus-range';
    if (/"javascriptHeap"\s*:/.test(text) || /"reportVersion"\s*:/.test(text) || REPORT_NAME.test(baseName)) return 'report';
    const firstLine = start.split('\n', 1)[0].trim();
    return firstLine.endsWith('}') || firstLine.endsWith('},') ? 'ndjson' : 'json';
  }
  if (start.startsWith('[')) {
    const meaningful = lines.map((line) => line.trim()).filter((line) => line !== '');
    const second = meaningful[1] ?? '';
    // A JSON array written one element per line streams like NDJSON; a pretty-printed one is a document.
    return meaningful[0] === '[' && second.startsWith('{') && (second.endsWith('}') || second.endsWith('},')) ? 'ndjson' : 'json';
  }
  const meaningful = lines.filter((line) => line.trim() !== '');
  if (meaningful.some((line) => line.startsWith('# HELP ') || line.startsWith('# TYPE '))) return 'prometheus-text';
  const firstData = meaningful.find((line) => !line.startsWith('#'));
  if (firstData !== undefined && PROMETHEUS_SAMPLE.test(firstData) && !firstData.replace(/\{.*\}/, '').includes(',')) return 'prometheus-text';
  if (/\.(csv|tsv)$/i.test(baseName) || (firstData !== undefined && /[,;\t]/.test(firstData) && /[a-zA-Z]/.test(firstData))) return 'csv';
  return 'unrecognised';
}
