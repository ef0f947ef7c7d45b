// Node diagnostic reports (process.report / --report-on-signal): one sample of heap, limit, RSS and sockets.
import path from 'node:path';
import { InputError } from '../errors.js';
import { parseJsonDocument } from './json-position.js';
import type { ReadContext, ReaderOutput } from './reader-context.js';
import { groupTcpHandles, type TcpHandle } from './sockets.js';
import type { MemoryColumn, MemorySeries } from './types.js';

/** `report.YYYYMMDD.HHMMSS.<pid>.<thread>.<seq>.json`: the default file name carries the pid. */
const REPORT_FILE_NAME = /^report\.\d{8}\.\d{6}\.(\d+)\.\d+\.\d+\.json$/;

interface DiagnosticReport {
  header?: { processId?: number; dumpEventTimeStamp?: string | number; dumpEventTime?: string; nodejsVersion?: string };
  javascriptHeap?: { usedMemory?: number; totalMemory?: number; memoryLimit?: number; externalMemory?: number };
  resourceUsage?: { rss?: number | string };
  libuv?: TcpHandle[];
  /** Trimmed reports (as in pooldoc's shared samples) keep only the TCP handles under this key. */
  libuvTcp?: TcpHandle[];
}

function finite(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : (value as number);
  return typeof number === 'number' && Number.isFinite(number) ? number : Number.NaN;
}

/** Reads one report into a one-sample series keyed `pid N`; reports of one pid are joined by readSeries. */
export function readReport(text: string, context: ReadContext): ReaderOutput {
  const report = parseJsonDocument(text, context.file) as DiagnosticReport;
  if (report === null || typeof report !== 'object' || !report.javascriptHeap) {
    throw new InputError('not a Node diagnostic report (no javascriptHeap)', { file: context.file, line: 1 });
  }
  const header = report.header ?? {};
  const pid = header.processId ?? REPORT_FILE_NAME.exec(path.basename(context.file))?.[1];
  const instance = pid !== undefined ? `pid ${pid}` : path.basename(context.file);
  // dumpEventTimeStamp is epoch ms as a string; dumpEventTime is local time without zone, so second choice.
  let time = finite(header.dumpEventTimeStamp);
  let timeAnchor: MemorySeries['timeAnchor'] = 'absolute';
  if (Number.isNaN(time) && header.dumpEventTime) time = Date.parse(header.dumpEventTime);
  if (Number.isNaN(time)) {
    time = context.mtimeMs;
    timeAnchor = 'file-mtime';
  }
  const heap = report.javascriptHeap;
  const values: Partial<Record<MemoryColumn, number>> = {
    heapUsed: finite(heap.usedMemory),
    heapTotal: finite(heap.totalMemory),
    heapLimit: finite(heap.memoryLimit),
    external: finite(heap.externalMemory),
    rss: finite(report.resourceUsage?.rss),
  };
  const columns: MemorySeries['columns'] = {};
  for (const [column, value] of Object.entries(values) as [MemoryColumn, number][]) if (!Number.isNaN(value)) columns[column] = Float64Array.of(value);
  const memory: MemorySeries = { source: context.file, instance, time: Float64Array.of(time), columns, timeAnchor };
  const sockets = groupTcpHandles(report.libuv ?? report.libuvTcp ?? [], { instance, time, source: context.file });
  return { memory: [memory], pools: [], sockets };
}
