// Hand scanners for numbers and ISO timestamps inside byte buffers: the hot loops of the line readers.

/** Where the last scan stopped; one shared cursor instead of an object per call (hot path). */
export const cursor = { end: 0 };

/** Exact powers of ten: mantissa / 10^k is correctly rounded while both are exact doubles (k ≤ 22). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Integers above this lose exactness as doubles, so the fast path hands over to Number(). */
const MAX_EXACT_MANTISSA = 2 ** 53;
/** 999 999 999 < 2^31: this many leading digits fit an int32. */
const INT32_DIGITS = 9;

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

export function isDigit(byte: number): boolean {
  return byte >= DIGIT_0 && byte <= DIGIT_9;
}

/**
 * Reads the run of decimal digits at `start` as an integer (0 when there is none) and sets `cursor.end` to the
 * first byte after it. The one digit loop of the line readers: scanNumber reads a number's integer part with it,
 * the NDJSON scanner its plain-integer values (most values are byte counts) without the rest of scanNumber.
 * Exact up to 15 digits; callers check the length.
 */
export function scanDigits(buffer: Buffer, start: number, limit: number): number {
  let i = start;
  // The first 9 digits accumulate as an int32: integer multiply-adds chain faster than double ones.
  let small = 0;
  const smallEnd = Math.min(limit, i + INT32_DIGITS);
  let digit = 0;
  while (i < smallEnd && (digit = buffer[i] - DIGIT_0) >= 0 && digit <= 9) {
    small = small * 10 + digit;
    i++;
  }
  let value = small;
  while (i < limit && (digit = buffer[i] - DIGIT_0) >= 0 && digit <= 9) {
    value = value * 10 + digit;
    i++;
  }
  cursor.end = i;
  return value;
}

/**
 * Parses a decimal number starting at `start` (no leading spaces), stopping at the first byte that cannot
 * continue it; sets `cursor.end`. Returns NaN (cursor.end = start) when no digits are there.
 */
export function scanNumber(buffer: Buffer, start: number, limit: number): number {
  let i = start;
  let negative = false;
  if (i < limit && (buffer[i] === MINUS || buffer[i] === PLUS)) {
    negative = buffer[i] === MINUS;
    i++;
  }
  const digitsStart = i;
  let mantissa = scanDigits(buffer, i, limit);
  i = cursor.end;
  let digits = i - digitsStart;
  let digit = 0;
  let fractionDigits = 0;
  if (i < limit && buffer[i] === DOT) {
    i++;
    while (i < limit && (digit = buffer[i] - DIGIT_0) >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      i++;
      fractionDigits++;
    }
    digits += fractionDigits;
  }
  if (digits === 0) {
    cursor.end = start;
    return Number.NaN;
  }
  const hasExponent = i < limit && (buffer[i] === LOWER_E || buffer[i] === UPPER_E);
  if (hasExponent || mantissa >= MAX_EXACT_MANTISSA || fractionDigits > 22) {
    // Rare forms (1e9, 17+ digits): let the engine's exact parser do them.
    if (hasExponent) {
      i++;
      if (i < limit && (buffer[i] === MINUS || buffer[i] === PLUS)) i++;
      while (i < limit && isDigit(buffer[i])) i++;
    }
    cursor.end = i;
    return Number(buffer.toString('latin1', start, i));
  }
  cursor.end = i;
  const value = fractionDigits === 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
  return negative ? -value : value;
}

/** Skips spaces and tabs; returns the first other position. */
export function skipBlanks(buffer: Buffer, start: number, limit: number): number {
  let i = start;
  while (i < limit && (buffer[i] === 0x20 || buffer[i] === 0x09)) i++;
  return i;
}

function twoDigits(buffer: Buffer, at: number): number {
  const a = buffer[at] - DIGIT_0;
  const b = buffer[at + 1] - DIGIT_0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * Parses `YYYY-MM-DDTHH:MM:SS[.fff…][Z|±HH:MM]` (T or space) in `buffer[start, end)` to epoch ms without
 * allocating; returns NaN for any other shape (callers then fall back to Date.parse).
 */
export function scanIsoTimestamp(buffer: Buffer, start: number, end: number): number {
  if (end - start < 19 || buffer[start + 4] !== MINUS || buffer[start + 7] !== MINUS || buffer[start + 13] !== 0x3a || buffer[start + 16] !== 0x3a) return Number.NaN;
  const separator = buffer[start + 10];
  if (separator !== 0x54 && separator !== 0x20) return Number.NaN;
  const year = twoDigits(buffer, start) * 100 + twoDigits(buffer, start + 2);
  const month = twoDigits(buffer, start + 5);
  const day = twoDigits(buffer, start + 8);
  const hour = twoDigits(buffer, start + 11);
  const minute = twoDigits(buffer, start + 14);
  const second = twoDigits(buffer, start + 17);
  let i = start + 19;
  let millis = 0;
  if (i < end && buffer[i] === DOT) {
    i++;
    let scale = 100;
    while (i < end && isDigit(buffer[i])) {
      millis += (buffer[i] - DIGIT_0) * scale;
      scale /= 10;
      i++;
    }
  }
  let offsetMinutes = 0;
  if (i === end) {
    // No zone: ECMAScript reads date-times without offset as local time; so do we, like Date.parse.
    const local = new Date(year, month - 1, day, hour, minute, second).getTime();
    return local + millis;
  }
  const zone = buffer[i];
  if (zone === 0x5a || zone === 0x7a) {
    i++;
  } else if (zone === PLUS || zone === MINUS) {
    const hours = twoDigits(buffer, i + 1);
    const minutesAt = buffer[i + 3] === 0x3a ? i + 4 : i + 3;
    const minutes = twoDigits(buffer, minutesAt);
    offsetMinutes = (zone === MINUS ? -1 : 1) * (hours * 60 + minutes);
    i = minutesAt + 2;
  } else {
    return Number.NaN;
  }
  if (i !== end) return Number.NaN;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60)) return Number.NaN;
  // Consecutive samples share their date and hour: Date.UTC once per hour, not once per line.
  const hourKey = ((year * 13 + month) * 32 + day) * 25 + hour;
  if (hourKey !== cachedHourKey) {
    cachedHourKey = hourKey;
    cachedHourStart = Date.UTC(year, month - 1, day, hour);
  }
  return cachedHourStart + minute * 60_000 + second * 1000 + millis - offsetMinutes * 60_000;
}

let cachedHourKey = -1;
let cachedHourStart = 0;
