// The key=value body of a `--trace-gc-nvp` line; key names changed on Node 24, both are read.

export interface NvpFields {
  /** The `gc=` code: s (scavenge), ms (mark-sweep, Node 18), mc (mark-compact, 20+), mmc/mms (minor MC/MS). */
  code: string;
  major: boolean;
  pauseMs: number;
  heapBefore: number;
  heapAfter: number;
  heapTotalAfter?: number;
}

/** Codes of full (major) collections: `ms` on Node 18, `mc` on Node 20+. */
const MAJOR_CODES = new Set(['ms', 'mc']);
/** Codes of young-generation collections. */
const MINOR_CODES = new Set(['s', 'mmc', 'mms']);

/** Parses `pause=6.2 mutator=23.7 gc=s … total_size_before=… total_size_after=…`; undefined if unusable. */
export function parseNvpFields(body: string): NvpFields | undefined {
  const values = new Map<string, string>();
  for (const token of body.split(' ')) {
    const equals = token.indexOf('=');
    if (equals > 0) values.set(token.slice(0, equals), token.slice(equals + 1));
  }
  const code = values.get('gc');
  if (code === undefined || (!MAJOR_CODES.has(code) && !MINOR_CODES.has(code))) return undefined;
  // Node 18–22: total_size_before/after; Node 24: start_object_size/end_object_size (+ end_memory_size).
  const heapBefore = Number(values.get('total_size_before') ?? values.get('start_object_size'));
  const heapAfter = Number(values.get('total_size_after') ?? values.get('end_object_size'));
  const pauseMs = Number(values.get('pause'));
  if (!Number.isFinite(heapBefore) || !Number.isFinite(heapAfter) || !Number.isFinite(pauseMs)) return undefined;
  const memoryAfter = Number(values.get('end_memory_size'));
  return { code, major: MAJOR_CODES.has(code), pauseMs, heapBefore, heapAfter, heapTotalAfter: Number.isFinite(memoryAfter) ? memoryAfter : undefined };
}
