// Bench runner: MemLab 2.0.5 loads a snapshot the way its heap analyses do (parse, shortest paths, dominators and
// retained sizes: @memlab/heap-analysis loadHeapSnapshot = getSnapshotFromFile + preparePathFinder).
import memlab from '@memlab/core';

const { analysis, utils } = memlab;

const file = process.argv[2];
const started = performance.now();
const snapshot = await utils.getSnapshotFromFile(file, { buildNodeIdIndex: true, verbose: false });
analysis.preparePathFinder(snapshot);
// Node 0 is the snapshot root; its retained size is the whole heap when dominators are right.
console.log(JSON.stringify({ innerMs: performance.now() - started, nodeCount: snapshot.nodes.length, rootRetainedSize: snapshot.nodes.get(0).retainedSize }));
