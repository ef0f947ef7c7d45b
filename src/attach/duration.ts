// Parses the duration flags of `analyze` ("500ms", "1s", "2m", "1h", or plain seconds); 0 / "forever" = no end.
import { PooldocError } from '../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string, flag: string, options: { allowForever?: boolean } = {}): number {
  const trimmed = text.trim().toLowerCase();
  if (options.allowForever && (trimmed === '0' || trimmed === 'forever')) return Number.POSITIVE_INFINITY;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(trimmed);
  const value = match ? Number(match[1]) * UNIT_MS[match[2] ?? 's']! : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) throw new PooldocError(`${flag} ${text}: expected a duration such as 500ms, 2s, 5m${options.allowForever ? ' (or 0 for until Ctrl-C)' : ''}`);
  return value;
}
