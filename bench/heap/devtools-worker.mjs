// Runs the real Chrome DevTools heap snapshot worker (bundled by the npm package chrome-devtools-mcp) in this
// Node process and returns its JSHeapSnapshot, so the parity check and the bench can read DevTools' own
// retained sizes, dominators and class aggregates.
//
// The bundle is a worker entry point: its last statements wire a message dispatcher to the worker scope. We
// copy the bundle verbatim into bench/out/ minus those three wiring statements, plus one `export` line, and import
// it. Every line that parses, builds retainers, computes dominators and retained sizes is DevTools' own code,
// including its two-"worker" split (SecondaryInitManager over a MessageChannel), exactly as DevTools' own
// createJSHeapSnapshotForTesting does it.
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OUT_DIR } from './make-snapshot.mjs';

// Node 20 lacks Promise.withResolvers (Node 22 has it); the DevTools bundle uses it for its worker handshake.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const WIRING = [
  'const dispatcher = new HeapSnapshotWorkerDispatcher(HOST_RUNTIME.workerScope.postMessage.bind(HOST_RUNTIME.workerScope));',
  'HOST_RUNTIME.workerScope.onmessage = dispatcher.dispatchMessage.bind(dispatcher);',
  "HOST_RUNTIME.workerScope.postMessage('workerReady');",
];
const EXPORTS = 'export { HeapSnapshotLoader, JSHeapSnapshot, SecondaryInitManager, HeapSnapshotProgress };\n';

function workerBundlePath() {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('chrome-devtools-mcp/package.json');
  return path.join(path.dirname(packageJson), 'build/src/third_party/devtools-heap-snapshot-worker.js');
}

let modulePromise;
/** Imports the DevTools worker code as a module (generated once into bench/out/). */
export function devtoolsModule() {
  modulePromise ??= (async () => {
    const source = readFileSync(workerBundlePath(), 'utf8');
    let patched = source;
    for (const line of WIRING) {
      if (!patched.includes(line)) throw new Error(`DevTools worker bundle changed: wiring line not found: ${line}`);
      patched = patched.replace(line, '');
    }
    mkdirSync(OUT_DIR, { recursive: true });
    const target = path.join(OUT_DIR, 'devtools-heap-snapshot-worker.mjs');
    writeFileSync(target, patched + '\n' + EXPORTS);
    return import(pathToFileURL(target).href);
  })();
  return modulePromise;
}

/** Loads a snapshot file with DevTools' HeapSnapshotLoader and builds its JSHeapSnapshot (dominators included). */
export async function loadWithDevTools(file) {
  const { HeapSnapshotLoader, SecondaryInitManager } = await devtoolsModule();
  const problems = [];
  // The loader reports progress and broken-snapshot problems through a dispatcher; we keep the problems.
  const dispatcher = { sendEvent: (name, data) => { if (/Broken/i.test(name)) problems.push(data); } };
  const loader = new HeapSnapshotLoader(dispatcher);
  // DevTools' own Node loader (chrome-devtools-mcp HeapSnapshotManager) streams the file as 1 MB utf-8 chunks.
  for await (const chunk of createReadStream(file, { encoding: 'utf-8', highWaterMark: 1024 * 1024 })) loader.write(chunk);
  loader.close();
  const channel = new MessageChannel();
  new SecondaryInitManager(channel.port2);
  const snapshot = await loader.buildSnapshot(channel.port1);
  channel.port1.close();
  channel.port2.close();
  return { snapshot, problems };
}
