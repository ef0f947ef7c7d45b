// Number formatting shared by every renderer: bytes, rates, durations, percentages.

// Bytes, rates and durations live in src/units.ts so detectors' reasons and renderers speak one unit system.
export { formatBytes, formatDuration, formatRate } from '../units.js';

export function formatPercent(ratio: number, digits = 0): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(digits)}%` : '–';
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
