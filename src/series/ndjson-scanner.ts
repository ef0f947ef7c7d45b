// A hand scanner for one JSON object per line: numbers and ISO times straight from bytes, no JSON.parse.
import { cursor, scanDigits, scanNumber, skipBlanks } from './byte-numbers.js';
import { keyBytesMatch, type FieldNode } from './field-tree.js';
import { applyNumber } from './record-values.js';
import type { SampleAccumulator } from './sample-accumulator.js';
import { textToMillis } from './timestamps.js';

/** Returned when the line is valid JSON the fast path does not handle (escapes, odd spacing): use JSON.parse. */
export const FALLBACK = -1;
/** Deeper objects are not sample fields; they are skipped as values. */
const MAX_DEPTH = 4;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const DOT = 0x2e;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
/** Integers of up to 15 digits are below 2^53, so exact as doubles. */
const MAX_EXACT_DIGITS = 15;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Caches of the last identity strings seen, so a repeated pid/instance allocates nothing. */
const identityCache = { bytes: Buffer.alloc(256), length: -1, text: '' };

/** Scans the object starting at `buffer[start] === '{'`; returns the index after `}` or FALLBACK. */
export function scanObject(buffer: Buffer, start: number, end: number, node: FieldNode, accumulator: SampleAccumulator, depth: number): number {
  let i = skipBlanks(buffer, start + 1, end);
  if (buffer[i] === CLOSE_BRACE) return i + 1;
  let previous: FieldNode | undefined;
  for (;;) {
    if (buffer[i] !== QUOTE) return FALLBACK;
    const keyStart = i + 1;
    // Fast path: the key that came next last time, compared in place.
    const guess = previous ? previous.nextSibling : node.firstChild;
    let child: FieldNode;
    let j: number;
    if (guess && buffer[keyStart + guess.keyBytes.length] === QUOTE && keyBytesMatch(guess.keyBytes, guess.keyWords, buffer, keyStart)) {
      child = guess;
      j = keyStart + guess.keyBytes.length;
    } else {
      // Slow path: hash while looking for the closing quote; an escape sends the line to JSON.parse.
      let hash = FNV_OFFSET;
      j = keyStart;
      for (; j < end; j++) {
        const byte = buffer[j];
        if (byte === QUOTE) break;
        if (byte === BACKSLASH) return FALLBACK;
        hash = Math.imul(hash ^ byte, FNV_PRIME);
      }
      if (j >= end) return FALLBACK;
      child = node.childForBytes(buffer, keyStart, j, hash >>> 0);
      if (previous) previous.nextSibling = child;
      else node.firstChild = child;
    }
    previous = child;
    // `"key":value` is the common spelling: check it before looping over blanks.
    i = buffer[j + 1] === COLON ? j + 1 : skipBlanks(buffer, j + 1, end);
    if (buffer[i] !== COLON) return FALLBACK;
    i = buffer[i + 1] === QUOTE || buffer[i + 1] === OPEN_BRACE || isNumberByte(buffer[i + 1]) ? i + 1 : skipBlanks(buffer, i + 1, end);
    i = scanValue(buffer, i, end, child, accumulator, depth);
    if (i === FALLBACK) return FALLBACK;
    if (buffer[i] !== COMMA && buffer[i] !== CLOSE_BRACE) i = skipBlanks(buffer, i, end);
    const next = buffer[i];
    if (next === COMMA) i = skipBlanks(buffer, i + 1, end);
    else if (next === CLOSE_BRACE) return i + 1;
    else return FALLBACK;
  }
}

function scanValue(buffer: Buffer, start: number, end: number, node: FieldNode, accumulator: SampleAccumulator, depth: number): number {
  const first = buffer[start];
  if (first >= DIGIT_0 && first <= DIGIT_9 && node.slot >= 0) {
    // Most values are byte counts: plain integers. Anything else (a point, an exponent, 16+ digits) is read again
    // from the start by scanNumber: rare in metric dumps, so the common case skips its sign and fraction checks.
    const value = scanDigits(buffer, start, end);
    const i = cursor.end;
    const next = buffer[i];
    if (i - start <= MAX_EXACT_DIGITS && next !== DOT && next !== LOWER_E && next !== UPPER_E) {
      accumulator.setValue(node.slot, value);
      return i;
    }
  }
  if (first === QUOTE) {
    // Scan only this line: indexOf without a bound would search the rest of the 4 MB chunk per value.
    let close = start + 1;
    while (close < end && buffer[close] !== QUOTE) {
      if (buffer[close] === BACKSLASH) return FALLBACK;
      close++;
    }
    if (close >= end) return FALLBACK;
    applyTextBytes(buffer, start + 1, close, node, accumulator);
    return close + 1;
  }
  if (first === OPEN_BRACE) {
    if (depth >= MAX_DEPTH) return skipNested(buffer, start, end);
    return scanObject(buffer, start, end, node, accumulator, depth + 1);
  }
  if (first === OPEN_BRACKET) return skipNested(buffer, start, end);
  if (first === 0x74 /* t */ || first === 0x66 /* f */ || first === 0x6e /* n */) {
    let i = start;
    while (i < end && buffer[i] >= 0x61 && buffer[i] <= 0x7a) i++;
    return i;
  }
  if (node.ignored) {
    // A number nobody reads: step over it without computing it.
    let i = start;
    while (i < end && isNumberByte(buffer[i])) i++;
    return i === start ? FALLBACK : i;
  }
  const value = scanNumber(buffer, start, end);
  if (Number.isNaN(value)) return FALLBACK;
  if (node.slot >= 0) accumulator.setValue(node.slot, value);
  else applyNumber(accumulator, node, value);
  return cursor.end;
}

/** Digits, sign, point and exponent: the bytes a JSON number is made of. */
function isNumberByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x2b || byte === 0x2e || byte === 0x65 || byte === 0x45;
}

function applyTextBytes(buffer: Buffer, start: number, end: number, node: FieldNode, accumulator: SampleAccumulator): void {
  switch (node.target.kind) {
    case 'time':
      accumulator.setTime(textToMillis(buffer, start, end));
      return;
    case 'restartMarker':
      accumulator.setRestartMarker(textToMillis(buffer, start, end));
      return;
    case 'memory':
    case 'pool':
    case 'uptime': {
      const value = scanNumber(buffer, start, end);
      applyNumber(accumulator, node, cursor.end === end ? value : Number.NaN);
      return;
    }
    case 'pid':
      accumulator.setPid(identityText(buffer, start, end));
      return;
    case 'instance':
      accumulator.setInstance(identityText(buffer, start, end));
      return;
    default:
  }
}

function identityText(buffer: Buffer, start: number, end: number): string {
  const length = end - start;
  const cache = identityCache;
  if (length === cache.length && buffer.compare(cache.bytes, 0, length, start, end) === 0) return cache.text;
  cache.text = buffer.toString('utf8', start, end);
  if (length <= cache.bytes.length) {
    buffer.copy(cache.bytes, 0, start, end);
    cache.length = length;
  } else cache.length = -1;
  return cache.text;
}

/** Skips an array or object value (strings may hold brackets); returns the index after it or FALLBACK. */
function skipNested(buffer: Buffer, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const byte = buffer[i];
    if (byte === QUOTE) {
      i++;
      while (i < end && buffer[i] !== QUOTE) {
        if (buffer[i] === BACKSLASH) i++;
        i++;
      }
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return FALLBACK;
}
