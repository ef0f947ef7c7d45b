// Bench runner: the real Chrome DevTools heap snapshot worker (from chrome-devtools-mcp) run in Node: load,
// dominators, retained sizes and the class summary (aggregates with class retained sizes).
import { loadWithDevTools } from '../devtools-worker.mjs';

const file = process.argv[2];
const started = performance.now();
const { snapshot } = await loadWithDevTools(file);
const aggregates = snapshot.aggregatesWithFilter({});
console.log(JSON.stringify({ innerMs: performance.now() - started, nodeCount: snapshot.nodeCount, rootRetainedSize: snapshot.retainedSizes[0], classes: Object.keys(aggregates).length }));
