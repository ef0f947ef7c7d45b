// Where a worker thread's compiled module is: beside the caller in dist/, or under dist/ when the caller runs from
// TypeScript sources (vitest; `npm test` builds first). Undefined when neither exists: callers then stay on one thread.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `moduleUrl`: the caller's import.meta.url; `workerName`: the worker's file name in the same folder, no extension. */
export function compiledWorkerFile(moduleUrl: string, workerName: string): string | undefined {
  const here = fileURLToPath(moduleUrl);
  const folder = path.dirname(here);
  const candidates = [path.join(folder, `${workerName}.js`)];
  const source = here.lastIndexOf(`${path.sep}src${path.sep}`);
  if (here.endsWith('.ts') && source >= 0) {
    const root = here.slice(0, source);
    candidates.push(path.join(root, 'dist', path.relative(root, folder), `${workerName}.js`));
  }
  return candidates.find((candidate) => existsSync(candidate));
}
