// Generates large, realistic heap snapshots for the bench: a child Node builds millions of objects held in
// Maps, Sets, arrays and linked chains, then writes its heap with v8.writeHeapSnapshot into bench/out/.
//
//   node make-snapshot.mjs                 → both presets (200mb, 1gb)
//   node make-snapshot.mjs 200mb           → one preset
//   node make-snapshot.mjs --objects 50000 → a custom size (objects per structure family), named heap-50000.heapsnapshot
//
// An existing file is reused unless --force is given (writing the 1 GB one takes a minute or two).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));

/**
 * Presets: `objects` is the size knob (records per structure family). Calibrated on Node 20: one unit yields
 * about 14.5 snapshot nodes and 1.1 kB of snapshot file, so 200,000 → 2.9 M nodes / 224 MB and 900,000 → ~13 M nodes / ~1 GB.
 */
export const PRESETS = {
  '200mb': { objects: 200_000, heapMb: 4096 },
  '1gb': { objects: 900_000, heapMb: 12288 },
};

// The child: builds known structures reachable from globalThis so the whole graph is retained, then snapshots.
const CHILD_SOURCE = String.raw`
const v8 = require('node:v8');
const [file, objectsText] = process.argv.slice(2);
const objects = Number(objectsText);

class Session { constructor(id, user) { this.id = id; this.user = user; this.createdAt = id * 1.5; this.tags = ['t' + (id % 97), 'x']; } }
class User { constructor(id) { this.id = id; this.name = 'user-' + id; this.email = id + '@example.test'; } }
class ChainLink { constructor(value, next) { this.value = value; this.next = next; } }

// 1. A Map of sessions (string key → object with a nested array) held by a class field: the classic cache leak.
class SessionStore { constructor() { this.sessions = new Map(); } }
const store = new SessionStore();
for (let i = 0; i < objects; i++) store.sessions.set('s' + i, new Session(i, null));

// 2. A Set of users (each with two unique strings).
const users = new Set();
for (let i = 0; i < objects; i++) users.add(new User(i));

// 3. Arrays: one big array of small objects and many small arrays.
const rows = new Array(objects);
for (let i = 0; i < objects; i++) rows[i] = { row: i, cells: [i, i + 1, i + 2] };

// 4. Linked chains: 100 chains that share the objects budget (deep dominator trees).
const chains = [];
const chainLength = Math.max(1, Math.floor(objects / 100));
for (let c = 0; c < 100; c++) {
  let head = null;
  for (let i = 0; i < chainLength; i++) head = new ChainLink(c * chainLength + i, head);
  chains.push(head);
}

// 5. Closures capturing state, and a WeakMap keyed by some users (weak edges must not retain).
const handlers = [];
for (let i = 0; i < objects / 10; i++) { const state = { count: i }; handlers.push(() => state.count++); }
const metadata = new WeakMap();
let n = 0;
for (const user of users) { if (n++ % 10 === 0) metadata.set(user, { seen: n }); }

globalThis.__bench = { store, users, rows, chains, handlers, metadata };
v8.writeHeapSnapshot(file);
`;

export function snapshotPath(label) {
  return path.join(OUT_DIR, `heap-${label}.heapsnapshot`);
}

/** Writes (or reuses) the snapshot for a preset label or an object count; returns its path. */
export function makeSnapshot(label, { objects, heapMb }, { force = false, log = console.error } = {}) {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = snapshotPath(label);
  if (existsSync(file) && !force) return file;
  const childFile = path.join(OUT_DIR, 'make-snapshot-child.cjs');
  writeFileSync(childFile, CHILD_SOURCE);
  log(`writing ${file} (${objects.toLocaleString('en-US')} objects per family)…`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, childFile, file + '.partial', String(objects)], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`snapshot child failed (exit ${result.status}, signal ${result.signal})`);
  // Rename only when complete so a crashed run never leaves a truncated file that looks finished.
  renameSync(file + '.partial', file);
  log(`  ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const objectsFlag = args.indexOf('--objects');
  if (objectsFlag >= 0) {
    const objects = Number(args[objectsFlag + 1]);
    makeSnapshot(String(objects), { objects, heapMb: Math.max(2048, Math.ceil(objects / 1000) * 12) }, { force });
  } else {
    const labels = args.filter((a) => !a.startsWith('--'));
    for (const label of labels.length ? labels : Object.keys(PRESETS)) {
      if (!PRESETS[label]) throw new Error(`unknown preset ${label}; known: ${Object.keys(PRESETS).join(', ')}`);
      console.log(makeSnapshot(label, PRESETS[label], { force }));
    }
  }
}
