// Settings that `trend` and `analyze` take from the project's pooldoc config (the file `audit` reads): today only
// `leakHorizon`. Read on its own, without the audit rules, so that the live commands load nothing they do not need.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from './errors.js';
import { parseDurationSeconds } from './parse-values.js';

/** Same files, same order as src/audit/config.ts. */
const CANDIDATES = ['.pooldocrc.json', '.pooldocrc.yaml', '.pooldocrc.yml'];

export interface Settings {
  /** Growth reaching the heap limit within this many seconds is a leak; slower certain growth is `growing`. */
  leakHorizonSeconds?: number;
  file?: string;
}

/** The first config found in cwd; a missing file is no settings, a malformed `leakHorizon` a one-line error. */
export function loadSettings(cwd: string): Settings {
  for (const name of CANDIDATES) {
    const raw = read(join(cwd, name), name);
    if (raw !== undefined) return fromRaw(raw, name);
  }
  const pkg = read(join(cwd, 'package.json'), 'package.json') as Record<string, unknown> | undefined;
  if (pkg && typeof pkg === 'object' && pkg.pooldoc && typeof pkg.pooldoc === 'object') return fromRaw(pkg.pooldoc, 'package.json#pooldoc');
  return {};
}

function read(file: string, name: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return /\.ya?ml$/.test(file) ? (parseYaml(readFileSync(file, 'utf8')) ?? {}) : JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    // package.json of the project being diagnosed is not ours to judge: only our own config files are errors.
    if (name === 'package.json') return undefined;
    throw new InputError(`invalid pooldoc config: ${(error as Error).message.split('\n')[0]}`, { file: name });
  }
}

function fromRaw(raw: unknown, file: string): Settings {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).leakHorizon : undefined;
  if (value === undefined) return { file };
  if (typeof value === 'number' && value > 0) return { file, leakHorizonSeconds: value };
  if (typeof value !== 'string') throw new InputError('invalid pooldoc config: leakHorizon must be a duration such as "24h" or "7d"', { file });
  return { file, leakHorizonSeconds: positive(parseDurationSeconds(value, `leakHorizon in ${file}`), file) };
}

function positive(seconds: number, file: string): number {
  if (!(seconds > 0)) throw new InputError('invalid pooldoc config: leakHorizon must be longer than 0', { file });
  return seconds;
}

/** --horizon wins over the config; undefined leaves the detector's default (24 h). */
export function leakHorizonSeconds(flag: string | undefined, cwd = process.cwd()): number | undefined {
  if (flag !== undefined) {
    const seconds = parseDurationSeconds(flag, '--horizon');
    if (!(seconds > 0)) throw new InputError(`--horizon "${flag}": must be longer than 0`);
    return seconds;
  }
  return loadSettings(cwd).leakHorizonSeconds;
}
