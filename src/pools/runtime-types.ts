// How a library's pools are found and read inside a live process or a heap snapshot (used by `analyze`
// and the heap pool attribution). Config knowledge for `audit` lives in src/pools/<library>.ts.

/** Live counters normalised across libraries; absent when the library has no such notion. */
export interface PoolCounts {
  total?: number;
  idle?: number;
  inUse?: number;
  waiting?: number;
  max?: number;
}
