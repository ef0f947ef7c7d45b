// Command-line value parsers: instants, durations and sizes, and their one-line errors.
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { parseBytes, parseDurationSeconds, parseInstant } from '../src/parse-values.js';

describe('parse-values', () => {
  it('reads ISO instants and epoch seconds or milliseconds', () => {
    expect(parseInstant('2026-11-21T12:00:00Z', '--start')).toBe(Date.UTC(2026, 10, 21, 12));
    expect(parseInstant('1763726400', '--start')).toBe(1_763_726_400_000);
    expect(parseInstant('1763726400123', '--start')).toBe(1_763_726_400_123);
    expect(() => parseInstant('soon', '--start')).toThrow(InputError);
  });
  it('reads Prometheus-style durations', () => {
    expect(parseDurationSeconds('6h', '--since')).toBe(21_600);
    expect(parseDurationSeconds('1h30m', '--since')).toBe(5400);
    expect(parseDurationSeconds('90', '--since')).toBe(90);
    expect(parseDurationSeconds('500ms', '--step')).toBe(0.5);
    expect(() => parseDurationSeconds('6 hours', '--since')).toThrow(/--since "6 hours"/);
  });
  it('reads sizes with binary and decimal units', () => {
    expect(parseBytes('4g', '--heap-limit')).toBe(4 * 1024 ** 3);
    expect(parseBytes('512MiB', '--heap-limit')).toBe(512 * 1024 ** 2);
    expect(parseBytes('1.5GB', '--heap-limit')).toBe(1.5e9);
    expect(parseBytes('4096', '--heap-limit')).toBe(4096);
    expect(() => parseBytes('lots', '--heap-limit')).toThrow(/--heap-limit "lots"/);
  });
});
