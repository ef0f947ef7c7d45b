// What pooldoc knows about one library's live instances: how to find them in a running process, how to read
// their counters there, and how they look in a heap snapshot. The JS snippets run inside the target.
import type { PoolCounts } from '../runtime-types.js';

/**
 * The snippets are JavaScript function sources evaluated in the target, so they must:
 * - read own data properties where they can (a getter runs code in the target; only documented, cheap
 *   counter getters of the library itself are used),
 * - never allocate much or loop over more than the instance's own small collections,
 * - never throw (the caller wraps them anyway).
 */
export interface RuntimePoolLibrary {
  /** Library id, the same as src/pools/<library>.ts and the audit rules use. */
  library: string;
  /**
   * `(fromCache, builtin) => prototype[]`: the library's class prototypes, taken only from modules the app
   * has already loaded (`fromCache(specifier)` never loads a module: that would run code in the target).
   */
  prototypes: string;
  /** An own property every instance has, checked before `duck` so the heap walk stays cheap. */
  duckKey: string;
  /** `(o) => boolean`: shape test for instances whose prototype could not be resolved (ESM builds, nested deps). */
  duck: string;
  /** `(o) => object[]`: objects this instance owns that are instances too (undici Agent → Pools), not reported twice. */
  owned?: string;
  /**
   * `(o, index) => RuntimeReading[]`: counters now; one entry per sub-pool (http.Agent: per host). It may call
   * `builtin(name)`, which returns a builtin module only when the app has loaded it (never loads one).
   */
  read: string;
  /** How its instances look in a heap snapshot, for memory attribution. */
  heap: HeapShape;
}

export interface HeapShape {
  /** Constructor names of the pool object itself. */
  classNames: string[];
  /** Property names every instance has (told apart from other classes named `Pool`); empty: not attributable. */
  edgeNames: string[];
  /** Constructor names of the connection objects it holds (counted under the pool). */
  connectionClassNames: string[];
}

/** One reading of one (sub-)pool, as the target returns it. */
export interface RuntimeReading {
  /** Distinguishes sub-pools of one instance (http.Agent host key); empty for single pools. */
  key: string;
  /** Human label built from non-secret config fields (host:port/database); redacted again on our side. */
  label: string;
  counts: PoolCounts;
  /** Library-specific values worth showing (ioredis status, socket.io buffered packets, unbounded max). */
  extra?: Record<string, string | number | boolean>;
  error?: string;
}
