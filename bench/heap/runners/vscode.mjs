// Bench runner: @vscode/v8-heap-parser (Rust → WASM) decodes the file bytes and ranks classes by retained size
// (its class groups need the dominator tree, so this is parse + dominators + retained sizes + summary).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { decode_bytes: decodeBytes } = require('@vscode/v8-heap-parser');
const file = process.argv[2];
const started = performance.now();
// Its only entry point takes the whole file as one byte array.
const graph = decodeBytes(readFileSync(file));
const groups = graph.get_class_groups(0, 50, false);
const top = groups.slice(0, 3).map((group) => ({ name: group.name(), retainedSize: Number(group.retained_size) }));
console.log(JSON.stringify({ innerMs: performance.now() - started, classGroups: groups.length, top }));
