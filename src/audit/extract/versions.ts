// Installed major version of a library for a file: node_modules, then the nearest lockfile, then package.json ranges.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LibraryDefinition } from '../../pools/library.js';
import type { Version } from '../../pools/model.js';

interface Manifests {
  packageJson?: { deps: Record<string, string>; file: string };
  lockVersions?: { versions: Map<string, string>; file: string };
}

/** Caches manifests per directory: thousands of files share a handful of package.json files. */
export class VersionResolver {
  private readonly manifests = new Map<string, Manifests>();
  private readonly resolved = new Map<string, Version>();

  resolve(file: string, library: LibraryDefinition): Version {
    const key = `${dirname(file)}\0${library.id}`;
    let version = this.resolved.get(key);
    if (!version) {
      version = this.lookup(dirname(file), library);
      this.resolved.set(key, version);
    }
    return version;
  }

  private lookup(start: string, library: LibraryDefinition): Version {
    let declared: Version | undefined;
    for (let dir = start; ; dir = dirname(dir)) {
      for (const name of library.packages) {
        const installed = readJson(join(dir, 'node_modules', name, 'package.json'));
        const major = majorOf(typeof installed?.version === 'string' ? installed.version : undefined);
        if (major !== undefined) return { major, source: 'node_modules', manifest: join(dir, 'node_modules', name, 'package.json') };
      }
      const manifests = this.load(dir);
      for (const name of library.packages) {
        const locked = majorOf(manifests.lockVersions?.versions.get(name));
        if (locked !== undefined && manifests.lockVersions) return { major: locked, source: 'lockfile', manifest: manifests.lockVersions.file };
        const range = majorOf(manifests.packageJson?.deps[name]);
        if (!declared && range !== undefined && manifests.packageJson) declared = { major: range, source: 'package.json', manifest: manifests.packageJson.file };
      }
      if (dirname(dir) === dir) break;
    }
    return declared ?? { major: library.referenceMajor, source: 'reference' };
  }

  private load(dir: string): Manifests {
    let manifests = this.manifests.get(dir);
    if (manifests) return manifests;
    manifests = {};
    const pkg = readJson(join(dir, 'package.json'));
    if (pkg) {
      const deps = { ...(pkg.peerDependencies as object), ...(pkg.devDependencies as object), ...(pkg.dependencies as object) } as Record<string, string>;
      manifests.packageJson = { deps, file: join(dir, 'package.json') };
    }
    manifests.lockVersions = readLockfile(dir);
    this.manifests.set(dir, manifests);
    return manifests;
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Top-level package versions from package-lock.json (v2/v3), pnpm-lock.yaml or yarn.lock. */
function readLockfile(dir: string): Manifests['lockVersions'] {
  const npmLock = readJson(join(dir, 'package-lock.json'));
  if (npmLock?.packages && typeof npmLock.packages === 'object') {
    const versions = new Map<string, string>();
    for (const [path, entry] of Object.entries(npmLock.packages as Record<string, { version?: string }>)) {
      const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path);
      if (match && entry.version) versions.set(match[1], entry.version);
    }
    return { versions, file: join(dir, 'package-lock.json') };
  }
  for (const [name, pattern] of [
    ['pnpm-lock.yaml', /^\s{2}'?\/?((?:@[^/@\s]+\/)?[^@\s/']+)@(\d+[^:(\s']*)/gm],
    ['yarn.lock', /^"?((?:@[^/@\s]+\/)?[^@\s"]+)@[^\n]*:\n\s+version:? "?(\d[^"\n]*)/gm],
  ] as const) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const versions = new Map<string, string>();
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) if (!versions.has(match[1])) versions.set(match[1], match[2]);
    return { versions, file };
  }
  return undefined;
}

/** `^8.11.0` → 8, `~3.1` → 3, `npm:x@2` → 2; `*`, `latest`, `workspace:` → undefined. */
export function majorOf(spec: string | undefined): number | undefined {
  if (!spec) return undefined;
  const match = /(?:^|[\s@^~>=<v])(\d+)(?:\.|$|\s|\.x)/.exec(spec.trim());
  return match ? Number(match[1]) : undefined;
}
