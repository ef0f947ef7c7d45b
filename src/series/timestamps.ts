// Turns the timestamp shapes metric files use (ISO strings, epoch s/ms/µs/ns) into epoch milliseconds.
import { scanIsoTimestamp, scanNumber, cursor } from './byte-numbers.js';

/**
 * Magnitude bands that tell epoch units apart: 1e11 s is the year 5138 while 1e11 ms is 1973, so anything
 * below is seconds; the same factor-1000 gaps separate ms, µs and ns for every date after 1973.
 */
const SECONDS_BELOW = 1e11;
const MILLIS_BELOW = 1e14;
const MICROS_BELOW = 1e17;

/** Epoch number in s, ms, µs or ns (told apart by magnitude) → epoch ms; NaN for non-positive values. */
export function epochToMillis(value: number): number {
  if (!(value > 0)) return Number.NaN;
  if (value < SECONDS_BELOW) return value * 1000;
  if (value < MILLIS_BELOW) return value;
  if (value < MICROS_BELOW) return value / 1000;
  return value / 1e6;
}

/** A timestamp written as text: ISO 8601 (fast path), a number in text, or anything Date.parse accepts. */
export function textToMillis(buffer: Buffer, start: number, end: number): number {
  const iso = scanIsoTimestamp(buffer, start, end);
  if (!Number.isNaN(iso)) return iso;
  const number = scanNumber(buffer, start, end);
  if (!Number.isNaN(number) && cursor.end === end) return epochToMillis(number);
  const parsed = Date.parse(buffer.toString('latin1', start, end));
  return Number.isNaN(parsed) ? Number.NaN : parsed;
}

/** The same for a JS value from JSON.parse or a CSV cell. */
export function valueToMillis(value: unknown): number {
  if (typeof value === 'number') return epochToMillis(value);
  if (typeof value === 'string') {
    const buffer = Buffer.from(value, 'latin1');
    return textToMillis(buffer, 0, buffer.length);
  }
  return Number.NaN;
}
