// DevTools' Statistics view as data (code, strings, JS arrays, typed arrays, system, native), from post-transfer sizes.
import type { HeapAnalysis } from './analyze.js';
import type { ScratchMemory } from './analysis/scratch.js';
import type { HeapSnapshot } from './snapshot.js';

export interface HeapStatistics {
  /** All self sizes (the root's retained size). */
  total: number;
  /** total − native: what lives in V8's heap. */
  v8heap: number;
  /** Native (embedder) nodes plus the header's extra_native_bytes when V8 reports them. */
  native: number;
  /** Part of `native`: ArrayBuffer backing stores (typed arrays, Buffers). */
  typedArrays: number;
  code: number;
  strings: number;
  /** `Array` objects plus their elements store when only the array refers to it. */
  jsArrays: number;
  /** V8 internals (`hidden` nodes, DevTools "System objects"). */
  system: number;
  /** v8heap − code − strings − jsArrays − system: ordinary JS objects, closures and the rest. */
  other: number;
}

/** V8's native node for an ArrayBuffer's backing store. */
const BACKING_STORE_NAME = 'system / JSArrayBufferData';

/** Retainer count of every node, capped at 2 (1 byte per node instead of a full reverse index). */
function singleRetainerFlags(snapshot: HeapSnapshot, scratch: ScratchMemory): Uint8Array {
  const counts = scratch.uint8(snapshot.nodeCount).fill(0);
  const { edgeTarget } = snapshot;
  for (let edge = 0; edge < edgeTarget.length; edge++) {
    const target = edgeTarget[edge];
    if (counts[target] < 2) counts[target]++;
  }
  return counts;
}

/** Mirrors the Statistics view of the DevTools heap snapshot worker bundled by chrome-devtools-mcp. */
export function heapStatistics(analysis: HeapAnalysis): HeapStatistics {
  // Computed by the summary thread when it ran early (analysis/summary-thread.ts), else here.
  const sums = analysis.statisticsSums;
  const total = analysis.totalSize;
  const v8heap = total - sums.native;
  return { total, v8heap, ...sums, other: v8heap - sums.code - sums.strings - sums.jsArrays - sums.system };
}

/** The per-category sums of the Statistics view: what needs a pass over the nodes (the rest follows from the total). */
export type StatisticsSums = Pick<HeapStatistics, 'native' | 'typedArrays' | 'code' | 'strings' | 'jsArrays' | 'system'>;

/** `shallowSize`: the sizes after DevTools' transfer (the statistics add those). */
export function computeStatisticsSums(snapshot: HeapSnapshot, shallowSize: Float64Array, scratch: ScratchMemory): StatisticsSums {
  const { nodeType, nodeName, firstEdge, edgeType, edgeNameOrIndex, edgeTarget } = snapshot;
  // Names compared per node and edge, flagged once by string index.
  const BACKING_STORE = 1, ARRAY = 2, ELEMENTS = 3;
  const nameFlags = snapshot.strings.indexFlags([BACKING_STORE_NAME, 'Array', 'elements']);
  const { native, code, string, consString, slicedString, hidden } = snapshot.types;
  const internal = snapshot.edgeTypes.internal;
  const singlyRetained = singleRetainerFlags(snapshot, scratch);
  let sizeNative = snapshot.layout.extraNativeBytes, sizeTyped = 0, sizeCode = 0, sizeStrings = 0, sizeArrays = 0, sizeSystem = 0;
  for (let ordinal = 0; ordinal < snapshot.nodeCount; ordinal++) {
    const size = shallowSize[ordinal];
    const type = nodeType[ordinal];
    if (type === hidden) {
      sizeSystem += size;
    } else if (type === native) {
      sizeNative += size;
      if (nameFlags[nodeName[ordinal]] === BACKING_STORE) sizeTyped += size;
    } else if (type === code) {
      sizeCode += size;
    } else if (type === string || type === consString || type === slicedString) {
      sizeStrings += size;
    } else if (nameFlags[nodeName[ordinal]] === ARRAY) {
      sizeArrays += size;
      for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) {
        if (edgeType[edge] !== internal || nameFlags[edgeNameOrIndex[edge]] !== ELEMENTS) continue;
        const elements = edgeTarget[edge];
        // The store counts only when the array is its sole retainer (else it is shared, e.g. copy-on-write).
        if (singlyRetained[elements] === 1) sizeArrays += shallowSize[elements];
        break;
      }
    }
  }
  scratch.release(singlyRetained);
  return { native: sizeNative, typedArrays: sizeTyped, code: sizeCode, strings: sizeStrings, jsArrays: sizeArrays, system: sizeSystem };
}
