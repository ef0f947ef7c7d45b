// Parsers for command-line values shared by commands: instants, durations and byte sizes, with one-line errors.
import { InputError } from './errors.js';

/** Epoch values below this are seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const EPOCH_SECONDS_BELOW = 1e11;

/** `2026-11-21T12:00:00Z`, epoch seconds or epoch ms → epoch ms. */
export function parseInstant(text: string, flag: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const value = Number(trimmed);
    return value < EPOCH_SECONDS_BELOW ? value * 1000 : value;
  }
  const parsed = Date.parse(trimmed);
  if (Number.isNaN(parsed)) throw new InputError(`${flag} "${text}": expected an ISO date-time or epoch seconds/ms`);
  return parsed;
}

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Prometheus-style durations: `90s`, `15m`, `6h`, `1h30m`, `2d` → seconds. A bare number is seconds. */
export function parseDurationSeconds(text: string, flag: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed) throw new InputError(`${flag} "${text}": expected a duration such as 90s, 15m, 6h or 1h30m`);
  return parts.reduce((total, part) => total + Number(part[1]) * DURATION_UNITS[part[2]], 0);
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3 };

/** `4096`, `512MiB`, `4g`, `1.5GB` → bytes (k/m/g alone are binary, as in --max-old-space-size). */
export function parseBytes(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? BYTE_UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new InputError(`${flag} "${text}": expected a size such as 4096, 512MiB or 4g`);
  return Number(match[1]) * unit;
}
