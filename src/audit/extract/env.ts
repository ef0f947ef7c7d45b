// .env files: KEY=VALUE lines (export prefix, quotes, comments) with the position of each value.
import type { Position } from '../../pools/model.js';
import type { EnvValues } from './types.js';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/;

/** Parses one .env file; malformed lines are skipped (dotenv does the same), never fatal. */
export function parseEnvFile(file: string, text: string): Map<string, { value: string; position: Position }> {
  const values = new Map<string, { value: string; position: Position }>();
  text.split(/\r?\n/).forEach((line, index) => {
    const match = LINE.exec(line);
    if (!match || line.trimStart().startsWith('#')) return;
    const [, key, rawValue] = match;
    const column = line.indexOf(rawValue, line.indexOf('=') + 1) + 1;
    values.set(key, { value: unquote(rawValue), position: { file, line: index + 1, column: Math.max(column, 1) } });
  });
  return values;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'" || quote === '`') && value.lastIndexOf(quote) > 0) return value.slice(1, value.lastIndexOf(quote));
  // Unquoted values end at an inline comment.
  const comment = value.search(/\s#/);
  return comment >= 0 ? value.slice(0, comment).trim() : value;
}

/** Merges env maps nearest-last, so a .env next to the code wins over one higher up. */
export function mergeEnv(layers: EnvValues[]): EnvValues {
  const merged = new Map<string, { value: string; position: Position }>();
  for (const layer of layers) for (const [key, value] of layer) merged.set(key, value);
  return merged;
}
