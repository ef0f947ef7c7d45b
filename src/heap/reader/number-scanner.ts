// Reads runs of decimal numbers from bytes into a batch of doubles: the WebAssembly kernel (wasm/scan-numbers.c),
// or the plain JavaScript loop it replaced, kept as the reference the tests compare it with and as the fallback
// where WebAssembly is unavailable (node --jitless).
import { BYTE, digitsValue } from './bytes.js';
import { RecordKernel, type KernelExports } from './record-kernel.js';
import { SOURCE_SHA256, WASM_BASE64 } from './wasm/scan-numbers.wasm.js';

export { SOURCE_SHA256 as SCAN_NUMBERS_SOURCE_SHA256 };

/** Why a scan stopped (the kernel's STOP_* values). */
export const enum Stop { end, full, inNumber, other }

/** Where a scan is: byte index, numbers in the batch, and the value of a number cut by the end of the bytes. */
export interface ScanCursor { i: number; length: number; value: number }

export interface NumberScanner {
  /** The batch numbers are written to (its length is the capacity). */
  readonly batch: Float64Array;
  /** The kernel's record-to-column loops (see RecordKernel), when this is the WebAssembly scanner. */
  readonly records: RecordKernel | undefined;
  /**
   * Reads numbers from bytes[cursor.i, end) into batch[cursor.length…]; stops at the end, when the batch is full,
   * at a number the end cuts (its value so far in cursor.value, cursor.i = end), or at a byte that is neither a
   * digit nor a separator (cursor.i at that byte; the caller decides whether it is the closing bracket).
   */
  scan(bytes: Uint8Array, end: number, cursor: ScanCursor): Stop;
  /** Says the caller's bytes may have changed since the last scan (a new chunk in a reused buffer). */
  newInput(): void;
}

export type ScannerKind = 'wasm' | 'js';

/**
 * A scanner with a batch of `capacity` numbers: the WebAssembly one unless `kind` asks for JS or it cannot load.
 * `recordFields`: numbers per record, to size the record kernel's staging columns (0: no records).
 */
export function createNumberScanner(capacity: number, kind: ScannerKind = 'wasm', recordFields = 0): NumberScanner {
  if (kind === 'wasm') {
    const module = wasmModule();
    if (module) return new WasmNumberScanner(module, capacity, recordFields);
  }
  return new JsNumberScanner(capacity);
}

/** Bytes copied into WebAssembly memory per call: large enough that the call costs nothing, small for RSS. */
const WINDOW_BYTES = 1 << 20;
/** Room before the window: the kernel reads up to 8 bytes before a number's end, so before the window's start. */
const WINDOW_LEAD = 16;
const WASM_PAGE = 65536;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled kernel, once per thread; null when this Node cannot run it (then the JS loop is used). */
function wasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

class WasmNumberScanner implements NumberScanner {
  readonly batch: Float64Array;
  readonly records: RecordKernel | undefined;
  readonly #kernel: KernelExports;
  readonly #memory: Uint8Array;
  readonly #window: number;
  readonly #output: number;

  constructor(module: WebAssembly.Module, capacity: number, recordFields: number) {
    this.#kernel = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    const memory = this.#kernel.memory;
    // Our region starts past the module's own (stack and globals): [lead][window][batch][record staging].
    this.#window = memory.buffer.byteLength + WINDOW_LEAD;
    this.#output = this.#window + WINDOW_BYTES;
    const staging = this.#output + capacity * Float64Array.BYTES_PER_ELEMENT;
    const rows = recordFields > 0 ? Math.floor(capacity / recordFields) : 0;
    memory.grow(Math.ceil((staging + RecordKernel.bytesFor(rows) - memory.buffer.byteLength) / WASM_PAGE));
    // The memory never grows again, so these views stay valid.
    this.#memory = new Uint8Array(memory.buffer);
    this.batch = new Float64Array(memory.buffer, this.#output, capacity);
    this.records = rows > 0 ? new RecordKernel(this.#kernel, this.#output, staging, rows) : undefined;
  }

  /** The bytes the window holds: `#windowOf[#windowFrom, #windowTo)`, until newInput (undefined: none). */
  #windowOf: Uint8Array | undefined;
  #windowFrom = 0;
  #windowTo = 0;

  newInput(): void {
    this.#windowOf = undefined;
  }

  scan(bytes: Uint8Array, end: number, cursor: ScanCursor): Stop {
    const kernel = this.#kernel;
    const capacity = this.batch.length;
    for (;;) {
      const start = cursor.i;
      // A scan that stopped because the batch was full goes on in the same window: copying it again cost ~0.1 s
      // of the 1 GB bench snapshot's read once batches became smaller than windows.
      const reuse = this.#windowOf === bytes && start >= this.#windowFrom && start < this.#windowTo && this.#windowTo <= end;
      if (!reuse) {
        this.#windowOf = bytes;
        this.#windowFrom = start;
        this.#windowTo = Math.min(end, start + WINDOW_BYTES);
        this.#memory.set(bytes.subarray(start, this.#windowTo), this.#window);
      }
      const stop = this.#windowTo;
      const input = this.#window + (start - this.#windowFrom);
      const output = this.#output + cursor.length * Float64Array.BYTES_PER_ELEMENT;
      cursor.length += kernel.scan(input, stop - start, output, capacity - cursor.length);
      const reason = kernel.stopReason() as Stop;
      const at = start + kernel.stopIndex();
      if (reason === Stop.full || reason === Stop.other) {
        cursor.i = at;
        return reason;
      }
      if (stop < end) {
        // The window ended, not the bytes: go on from the number it cut (or from its end), in a new window.
        cursor.i = at;
        this.#windowOf = undefined;
        // A number as long as the window is not a number from a snapshot: the JS loop reads it without windows.
        if (at === start) return scanWithJs(bytes, end, this.batch, cursor);
        continue;
      }
      if (reason === Stop.inNumber) {
        cursor.value = digitsValue(bytes, at, end);
        cursor.i = end;
        return Stop.inNumber;
      }
      cursor.i = end;
      return Stop.end;
    }
  }
}

class JsNumberScanner implements NumberScanner {
  readonly batch: Float64Array;
  readonly records = undefined;
  constructor(capacity: number) {
    this.batch = new Float64Array(capacity);
  }

  scan(bytes: Uint8Array, end: number, cursor: ScanCursor): Stop {
    return scanWithJs(bytes, end, this.batch, cursor);
  }

  newInput(): void {}
}

/** Separator bytes between numbers: comma and JSON whitespace. Anything else that is not a digit is an error. */
function isSeparator(byte: number): boolean {
  return byte === BYTE.comma || byte === BYTE.newline || byte === BYTE.space || byte === BYTE.carriageReturn || byte === BYTE.tab;
}

/** Digits that always fit a positive int32 (999,999,999 < 2^31): longer numbers are re-read as doubles. */
const INT32_SAFE_DIGITS = 9;

/**
 * The JavaScript loop. Int32 arithmetic (`| 0`) keeps V8 on its integer fast path (measured ~2×); a number longer
 * than INT32_SAFE_DIGITS has wrapped and is re-read as a double from its bytes (rare: huge sizes or ids).
 */
function scanWithJs(bytes: Uint8Array, end: number, batch: Float64Array, cursor: ScanCursor): Stop {
  let i = cursor.i;
  let length = cursor.length;
  const capacity = batch.length;
  let stop = Stop.end;
  while (length < capacity) {
    while (i < end && isSeparator(bytes[i])) i++;
    if (i >= end) break;
    let digit = bytes[i] - BYTE.zero;
    if (digit >>> 0 > 9) {
      stop = Stop.other;
      break;
    }
    const numberStart = i;
    let value = digit;
    i++;
    while (i < end) {
      digit = bytes[i] - BYTE.zero;
      if (digit >>> 0 > 9) break;
      value = (value * 10 + digit) | 0;
      i++;
    }
    const exact = i - numberStart > INT32_SAFE_DIGITS ? digitsValue(bytes, numberStart, i) : value;
    if (i === end) {
      cursor.value = exact;
      stop = Stop.inNumber;
      break;
    }
    batch[length++] = exact;
  }
  if (length === capacity && stop === Stop.end) stop = Stop.full;
  cursor.i = i;
  cursor.length = length;
  return stop;
}
