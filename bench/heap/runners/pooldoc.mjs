// Bench runner: pooldoc's built engine (dist/): parse, shallow-size transfer, dominators, retained sizes and the
// class summary (DevTools' class retained rule), i.e. what DevTools does before it can show its Summary view.
import { pooldocEngine } from '../pooldoc-engine.mjs';

const engine = await pooldocEngine();
const file = process.argv[2];
const started = performance.now();
const snapshot = await engine.readSnapshotFile(file);
const parsedMs = performance.now() - started;
const analysis = engine.analyzeSnapshot(snapshot);
const classes = engine.classSummary(analysis);
console.log(JSON.stringify({ innerMs: performance.now() - started, parseMs: parsedMs, nodeCount: snapshot.nodeCount, rootRetainedSize: analysis.totalSize, classes: classes.length, timings: analysis.timings }));
