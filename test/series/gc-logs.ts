// Makes real --trace-gc logs: small leaking and healthy scripts run under Node 20 and Node 22.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runScript } from '../helpers/child.js';

export { NODE22 } from '../helpers/node-versions.js';

/**
 * A Node 20 binary: process.execPath is whatever runs the tests; Searches PATH (outside node_modules) for a `node` that says v20.
 */
export function findNode(major: number): string | undefined {
  if (process.version.startsWith(`v${major}.`)) return process.execPath;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '' || dir.includes('node_modules')) continue;
    const candidate = path.join(dir, 'node');
    if (!existsSync(candidate)) continue;
    try {
      if (execFileSync(candidate, ['--version'], { encoding: 'utf8' }).startsWith(`v${major}.`)) return candidate;
    } catch {
      // Not runnable: keep looking.
    }
  }
  return undefined;
}

/** The Node 20 the tests need; a missing one is a loud failure, not a silent pass on another version. */
export function requireNode20(): string {
  const node = findNode(20);
  if (!node) throw new Error('no Node 20 binary found in PATH (outside node_modules): the Node 20 trace-gc tests cannot run');
  return node;
}

/** Retains ~`perRound` small objects per round and forces a full GC after each, so the baseline climbs. */
export const LEAKING_SCRIPT = `
const kept = [];
for (let round = 0; round < 8; round++) {
  for (let i = 0; i < 60000; i++) kept.push({ i, text: 'leak-' + round + '-' + i });
  globalThis.gc();
}
`;

/** Allocates as much but keeps nothing: the post-GC heap stays flat. */
export const HEALTHY_SCRIPT = `
let sink = 0;
for (let round = 0; round < 8; round++) {
  const temp = [];
  for (let i = 0; i < 60000; i++) temp.push({ i, text: 'temp-' + round + '-' + i });
  sink += temp.length;
  globalThis.gc();
}
if (sink === 0) console.error('unreachable');
`;

/** Runs `source` with --trace-gc (or `flag`) under `node`, writes stdout to `<dir>/<name>`, returns the path. */
export async function makeGcLog(options: { dir: string; name: string; source: string; node?: string; flag?: '--trace-gc' | '--trace-gc-nvp' }): Promise<string> {
  const stdout = await runScript(options.source, { dir: options.dir, name: `${options.name}.cjs`, node: options.node, nodeArgs: ['--expose-gc', options.flag ?? '--trace-gc'] });
  const file = path.join(options.dir, options.name);
  writeFileSync(file, stdout);
  return file;
}
