// Formatting helpers: units switch at the right thresholds and odd values stay readable.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatPercent } from '../../src/report/format.js';

describe('format', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(-2_500_000)).toBe('-2.5 MB');
    expect(formatBytes(964_000_000)).toBe('964.0 MB');
  });
  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(5400)).toBe('1h 30m');
    expect(formatDuration(Infinity)).toBe('never');
    expect(formatDuration(0.25)).toBe('250ms');
  });
  it('formats percentages', () => {
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatPercent(NaN)).toBe('–');
  });
});
