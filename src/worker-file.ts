// Worker threads, one policy for all of pooldoc's: the compiled module beside the caller in dist/, or under dist/
// when the caller runs from TypeScript sources (vitest; `npm test` builds first). When neither exists, callers
// stay on one thread: a worker only ever saves time, never changes a result.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';

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

/**
 * Starts a worker on a compiled module. No inherited execArgv: flags meant for the main program (e.g.
 * `--input-type` from `node -e`) can stop a worker from starting.
 */
export function startWorker(file: string, workerData: unknown, transferList: TransferListItem[] = []): Worker {
  return new Worker(file, { workerData, transferList, execArgv: [] });
}
