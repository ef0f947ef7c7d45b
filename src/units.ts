// The one unit system of every report and reason: decimal bytes (1 MB = 10^6 B, as DevTools shows heap sizes),
// rates per hour, durations in d/h/m/s. Detectors and renderers both import it, so one figure never prints two ways.

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Decimal units (1 MB = 10^6 B), as DevTools and most dashboards show heap sizes. */
export function formatBytes(bytes: number, digits = 1): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${sign}${unit === 0 ? value.toFixed(0) : value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** A rate per hour; a rate that could not be computed prints as a dash, never `NaN/h`. */
export function formatRate(bytesPerHour: number): string {
  return Number.isFinite(bytesPerHour) ? `${formatBytes(bytesPerHour)}/h` : '–';
}

/** 5400 → "1h 30m"; 42 → "42s"; Infinity/NaN → "never". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'never';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return `${minutes}m ${Math.round(seconds % 60)}s`;
}

