// The series model every metric reader produces and every detector consumes, whatever the source
// (a file, Prometheus, or live samples from `pooldoc analyze`). Columns are typed arrays, time in epoch ms.

/** Well-known memory columns; readers map their source's names onto these. */
export type MemoryColumn =
  | 'heapUsed'
  | 'heapTotal'
  | 'rss'
  | 'external'
  | 'arrayBuffers'
  | 'heapLimit';

/** One major (mark-compact) or minor (scavenge) collection, from --trace-gc or live observation. */
export interface GcEvent {
  /** Epoch ms. */
  time: number;
  kind: 'major' | 'minor';
  /** Heap (object size) before and after, bytes. */
  heapBefore: number;
  heapAfter: number;
  pauseMs: number;
  /** Committed heap (V8 "memory size") after the collection, bytes, when the source says it (trace-gc). */
  heapTotalAfter?: number;
  /** V8's own name for the collection as printed (`Mark-Compact`, `Scavenge (reduce)`, `gc=mc`). */
  type?: string;
}

/** Memory samples of one process (one isolate), in time order. */
export interface MemorySeries {
  /** Where it came from: a file path, a Prometheus URL, or `pid 1234`. */
  source: string;
  /** Which process within the source: `pid:isolate`, a Prometheus instance label, a report's pid. */
  instance: string;
  /** Epoch ms, ascending, same length as every column. */
  time: Float64Array;
  columns: Partial<Record<MemoryColumn, Float64Array>>;
  /** GC events when the source has them (trace-gc); they give the post-major-GC baseline. */
  gcEvents?: GcEvent[];
  /** Restart markers (epoch ms), when the source knows them (process start time changed, pid changed). */
  restarts?: number[];
  /** How wall-clock time was derived when the source only has relative times (trace-gc): an honest caveat. */
  timeAnchor?: 'absolute' | 'start-flag' | 'file-mtime';
  /** Process start (epoch ms) per sample when the source says it (Prometheus, reports): a change is a restart. */
  processStart?: Float64Array;
}

/** Counters of one pool over time. A counter the source lacks is absent, never zero-filled. */
export interface PoolSeries {
  source: string;
  /** The pool's name: library plus a distinguishing label (host:port/db, metric labels, variable name). */
  name: string;
  library?: string;
  /** The process the pool lives in (Prometheus instance label, pid), when the source has several. */
  instance?: string;
  time: Float64Array;
  total?: Float64Array;
  idle?: Float64Array;
  inUse?: Float64Array;
  waiting?: Float64Array;
  max?: Float64Array;
}

/** Established sockets grouped by remote endpoint (diagnostic reports, /proc, live handles). */
export interface SocketGroup {
  remote: string;
  /** Known service on that port: postgresql, mysql, redis, mongodb, http, … or undefined. */
  service?: string;
  count: number;
  /** The process whose sockets these are (`pid 1234`) and when they were seen (epoch ms), when known. */
  instance?: string;
  time?: number;
  source?: string;
}
