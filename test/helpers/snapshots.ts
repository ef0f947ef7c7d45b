// Makes real heap snapshots for tests: a child Node process builds known structures and calls v8.writeHeapSnapshot.
import path from 'node:path';
import { runScript } from './child.js';

export interface SnapshotSeriesOptions {
  dir: string;
  /** Script run once before the first snapshot; it must keep what it builds reachable (e.g. on globalThis). */
  setup: string;
  /** Script run between snapshots (e.g. grow a Map). */
  between?: string;
  /** Number of snapshots, written as snap-0.heapsnapshot, snap-1…; default 1. */
  count?: number;
  /** Milliseconds to wait between snapshots (so file times differ); default 0. */
  intervalMs?: number;
  name?: string;
  nodeArgs?: string[];
}

/** Runs one child that writes `count` snapshots of itself, returns their paths in order. */
export async function writeSnapshotSeries(options: SnapshotSeriesOptions): Promise<string[]> {
  const count = options.count ?? 1;
  const prefix = options.name ?? 'snap';
  const files = Array.from({ length: count }, (_, index) => path.join(options.dir, `${prefix}-${index}.heapsnapshot`));
  const source = `
const v8 = require('node:v8');
const files = ${JSON.stringify(files)};
${options.setup}
(async () => {
  for (let snapshot = 0; snapshot < files.length; snapshot++) {
    if (snapshot > 0) {
      ${options.between ?? ''}
      await new Promise((resolve) => setTimeout(resolve, ${options.intervalMs ?? 0}));
    }
    v8.writeHeapSnapshot(files[snapshot]);
  }
  process.exit(0);
})();
`;
  await runScript(source, { dir: options.dir, name: `${prefix}.cjs`, nodeArgs: options.nodeArgs, timeoutMs: 120_000 });
  return files;
}

/** One snapshot of a child that ran `setup`. */
export async function writeSnapshot(dir: string, setup: string, name = 'snap'): Promise<string> {
  const [file] = await writeSnapshotSeries({ dir, setup, name });
  return file;
}
