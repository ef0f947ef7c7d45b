// Finds the files to audit: paths recursive, honouring .gitignore files at every level and --ignore patterns.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { fileError } from '../../errors.js';

export type FileKind = 'source' | 'config' | 'env';

export interface AuditFile {
  path: string;
  kind: FileKind;
}

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const CONFIG_EXTENSIONS = /\.(?:json|ya?ml)$/;
/** Never worth reading: dependencies, VCS data, lockfiles and manifests (they hold no pool configs, only size). */
const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const SKIPPED_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'package.json', 'tsconfig.json', '.pooldocrc.json', '.pooldocrc.yaml', '.pooldocrc.yml']);
const TYPE_DECLARATION = /\.d\.[cm]?ts$/;

export function kindOf(path: string): FileKind | undefined {
  const name = basename(path);
  if (name === '.env' || name.startsWith('.env.')) return name.endsWith('.example') || name.endsWith('.sample') ? undefined : 'env';
  if (SKIPPED_FILES.has(name) || TYPE_DECLARATION.test(name)) return undefined;
  if (SOURCE_EXTENSIONS.test(name)) return 'source';
  if (CONFIG_EXTENSIONS.test(name)) return 'config';
  return undefined;
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

/**
 * Walks the given paths. A file named explicitly is always audited (the user asked for it); files found by
 * walking are skipped when a .gitignore at or above their directory (up to cwd) or --ignore matches them.
 */
export function collectFiles(paths: string[], cwd: string, ignorePatterns: string[]): AuditFile[] {
  const files: AuditFile[] = [];
  const seen = new Set<string>();
  const userLayer: IgnoreLayer = { base: cwd, rules: ignore().add(ignorePatterns) };
  for (const input of paths) {
    const absolute = resolve(cwd, input);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      throw fileError(input, error);
    }
    if (stats.isFile()) {
      const kind = kindOf(absolute) ?? 'source';
      if (!seen.has(absolute)) files.push({ path: absolute, kind });
      seen.add(absolute);
      continue;
    }
    walk(absolute, [userLayer, ...gitignoresAbove(absolute, cwd)], files, seen);
  }
  return files;
}

function walk(root: string, rootLayers: IgnoreLayer[], files: AuditFile[], seen: Set<string>): void {
  const stack: Array<{ dir: string; layers: IgnoreLayer[] }> = [{ dir: root, layers: rootLayers }];
  while (stack.length > 0) {
    const { dir, layers: parentLayers } = stack.pop()!;
    const own = gitignoreLayer(dir);
    const layers = own ? [...parentLayers, own] : parentLayers;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // An unreadable directory is skipped; the files in it cannot be audited and would not parse either.
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED_DIRS.has(entry.name) && !isIgnored(layers, path, true)) stack.push({ dir: path, layers });
        continue;
      }
      if (!entry.isFile() || seen.has(path)) continue;
      const kind = kindOf(path);
      if (kind && !isIgnored(layers, path, false)) {
        files.push({ path, kind });
        seen.add(path);
      }
    }
  }
}

function isIgnored(layers: IgnoreLayer[], path: string, directory: boolean): boolean {
  for (const layer of layers) {
    const relativePath = relative(layer.base, path);
    if (!relativePath || relativePath.startsWith('..')) continue;
    const posix = relativePath.split(sep).join('/');
    if (layer.rules.ignores(directory ? `${posix}/` : posix)) return true;
  }
  return false;
}

function gitignoreLayer(dir: string): IgnoreLayer | undefined {
  try {
    return { base: dir, rules: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

/** .gitignore files between cwd and a walked root (exclusive) still apply to it. */
function gitignoresAbove(root: string, cwd: string): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  const fromCwd = relative(cwd, root);
  if (!fromCwd || fromCwd.startsWith('..')) return layers;
  let dir = cwd;
  for (const part of ['', ...fromCwd.split(sep).filter(Boolean).slice(0, -1)]) {
    dir = part ? join(dir, part) : dir;
    const layer = gitignoreLayer(dir);
    if (layer) layers.push(layer);
  }
  return layers;
}
