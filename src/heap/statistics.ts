// DevTools' Statistics pie as data (code, strings, JS arrays, typed arrays, system, native), from post-transfer sizes.
import type { HeapAnalysis } from './analyze.js';
import { BASE_SYSTEM_DISTANCE } from './analysis/distances.js';

export interface HeapStatistics {
  total: number;
  /** total − native. */
  v8heap: number;
  native: number;
  code: number;
  strings: number;
  /** `Array` objects plus their elements store when only the array refers to it. */
  jsArrays: number;
  /** ArrayBuffers, typed arrays, Buffers and their backing stores; overlaps `native` (backing stores are native). */
  typedArrays: number;
  /** Nodes only the VM's own roots reach (DevTools "System objects"). */
  system: number;
  /** total − native − code − strings − jsArrays − system: ordinary JS objects, closures, and the rest. */
  other: number;
}

const TYPED_ARRAY_NAME = /^(?:ArrayBuffer|SharedArrayBuffer|DataView|Buffer|FastBuffer|(?:Big)?(?:Int|Uint|Float)(?:8|16|32|64)(?:Clamped)?Array)$/;
/** V8's native node for an ArrayBuffer's backing store. */
const BACKING_STORE_NAME = 'system / JSArrayBufferData';

export function heapStatistics(analysis: HeapAnalysis): HeapStatistics {
  const { snapshot, shallowSize } = analysis;
  const { distance } = analysis.distances;
  const { nodeType, nodeName, strings, firstEdge, edgeType, edgeNameOrIndex, edgeTarget } = snapshot;
  const { native, code, string, consString, slicedString, object } = snapshot.types;
  const internal = snapshot.edgeTypes.internal;
  const retainerCount = analysis.retainers.first;
  let sizeNative = 0, sizeCode = 0, sizeStrings = 0, sizeArrays = 0, sizeSystem = 0, sizeTyped = 0;
  for (let ordinal = 0; ordinal < snapshot.nodeCount; ordinal++) {
    const size = shallowSize[ordinal];
    const type = nodeType[ordinal];
    const name = strings[nodeName[ordinal]];
    if ((type === object && TYPED_ARRAY_NAME.test(name)) || (type === native && name === BACKING_STORE_NAME)) sizeTyped += size;
    if (distance[ordinal] >= BASE_SYSTEM_DISTANCE) {
      sizeSystem += size;
      continue;
    }
    if (type === native) sizeNative += size;
    else if (type === code) sizeCode += size;
    else if (type === string || type === consString || type === slicedString) sizeStrings += size;
    else if (name === 'Array') {
      sizeArrays += size;
      for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge++) {
        if (edgeType[edge] !== internal || strings[edgeNameOrIndex[edge]] !== 'elements') continue;
        const elements = edgeTarget[edge];
        if (retainerCount[elements + 1] - retainerCount[elements] === 1) sizeArrays += shallowSize[elements];
        break;
      }
    }
  }
  const total = analysis.totalSize;
  return {
    total, v8heap: total - sizeNative, native: sizeNative, code: sizeCode, strings: sizeStrings, jsArrays: sizeArrays,
    typedArrays: sizeTyped, system: sizeSystem, other: total - sizeNative - sizeCode - sizeStrings - sizeArrays - sizeSystem,
  };
}
