// pooldoc's built engine (dist/) as the bench and the parity check see it: one call that parses a snapshot and
// computes what DevTools computes (shallow sizes after transfer, dominators, retained sizes, class summary).
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENGINE = pathToFileURL(fileURLToPath(new URL('../../dist/src/heap/index.js', import.meta.url))).href;

/** Loads the engine from the repository's dist/ (run `npm run build` in the repository first). */
export async function pooldocEngine() {
  try {
    return await import(ENGINE);
  } catch (error) {
    throw new Error(`cannot load pooldoc's engine from dist/ (run npm run build at the repository root): ${error.message}`);
  }
}

/**
 * Parses and analyses one file; returns per-ordinal columns and the class summary grouped by class name.
 * `edgeWorker` / `helperThread`: the reader's edge thread and the analysis's threads (shallow sizes and
 * distances, then classes; `auto`, `always`, `never`); the parity check forces both on so the threaded read,
 * shallow sizes, distances and classes are what DevTools is compared with.
 */
export async function analyzeWithPooldoc(file, { edgeWorker = 'auto', helperThread = 'auto' } = {}) {
  const engine = await pooldocEngine();
  const snapshot = await engine.readSnapshotFile(file, { edgeWorker });
  const analysis = engine.analyzeSnapshot(snapshot, { helperThread });
  const classes = new Map();
  // pooldoc, like DevTools, keys object classes by name and constructor location; the check compares by name.
  for (const row of engine.classSummary(analysis)) {
    const sum = classes.get(row.name) ?? { count: 0, shallowSize: 0, retainedSize: 0 };
    sum.count += row.count;
    sum.shallowSize += row.shallowSize;
    sum.retainedSize += row.retainedSize;
    classes.set(row.name, sum);
  }
  return {
    nodeCount: snapshot.nodeCount,
    nodeId: snapshot.nodeId,
    selfSize: analysis.shallowSize,
    retainedSize: analysis.retainedSize,
    dominator: analysis.dominator,
    distance: analysis.distances.distance,
    distancesThread: analysis.distancesThread,
    shallowSizesThread: analysis.shallowSizesThread,
    classesThread: analysis.classesThread,
    ordinalOfId: (id) => snapshot.ordinalOfId(id),
    classes,
  };
}
