// `pooldoc heap` on snapshots the test makes itself: counts, sizes and paths checked against an independent
// JSON.parse oracle of the same (small) file, the JSON key contract, filters, --node and the text output.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heapNodeSchema, heapSummarySchema, type HeapNodeResult, type HeapSummaryResult } from '../../src/report/heap-result.js';
import { tempDir } from '../helpers/child.js';
import { parseJson, runCli, SLOW_CLI_TIMEOUT_MS } from '../helpers/cli.js';
import { writeSnapshot } from '../helpers/snapshots.js';

const SESSIONS = 5000;
const USERS = 3000;
const LOG_LINES = 2000;
const CHAIN = 400;

const APP = `
class Session { constructor(id) { this.id = id; this.user = 'u' + id; } }
class SessionStore { constructor() { this.sessions = new Map(); } }
const store = new SessionStore();
for (let i = 0; i < ${SESSIONS}; i++) store.sessions.set('s' + i, new Session(i));
const users = new Set();
for (let i = 0; i < ${USERS}; i++) users.add({ name: 'user' + i });
const log = [];
for (let i = 0; i < ${LOG_LINES}; i++) log.push({ line: i });
let chain = null;
for (let i = 0; i < ${CHAIN}; i++) { const next = chain; chain = function link() { return next; }; }
globalThis.__app = { store, users, log, chain };
`;

/** An independent reading of a small snapshot with JSON.parse: nodes by name, self sizes, header counts. */
interface Oracle {
  nodeCount: number;
  edgeCount: number;
  totalSize: number;
  objects(name: string): { count: number; selfSize: number; ids: number[] };
}

function readOracle(file: string): Oracle {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const fields: string[] = raw.snapshot.meta.node_fields;
  const types: string[] = raw.snapshot.meta.node_types[0];
  const [typeAt, nameAt, idAt, sizeAt] = ['type', 'name', 'id', 'self_size'].map((f) => fields.indexOf(f));
  let totalSize = 0;
  for (let i = 0; i < raw.nodes.length; i += fields.length) totalSize += raw.nodes[i + sizeAt];
  return {
    nodeCount: raw.snapshot.node_count,
    edgeCount: raw.snapshot.edge_count,
    totalSize,
    objects(name) {
      const result = { count: 0, selfSize: 0, ids: [] as number[] };
      for (let i = 0; i < raw.nodes.length; i += fields.length) {
        if (types[raw.nodes[i + typeAt]] === 'object' && raw.strings[raw.nodes[i + nameAt]] === name) {
          result.count++;
          result.selfSize += raw.nodes[i + sizeAt];
          result.ids.push(raw.nodes[i + idAt]);
        }
      }
      return result;
    },
  };
}

describe('pooldoc heap', { timeout: SLOW_CLI_TIMEOUT_MS }, () => {
  const temp = tempDir();
  let file: string;
  let oracle: Oracle;
  let summary: HeapSummaryResult;

  beforeAll(async () => {
    file = await writeSnapshot(temp.dir, APP);
    oracle = readOracle(file);
    const result = await runCli(['heap', file, '--json', '--top', '50']);
    expect(result.code, result.stderr).toBe(0);
    summary = parseJson<HeapSummaryResult>(result);
  }, SLOW_CLI_TIMEOUT_MS);
  afterAll(() => temp.cleanup());

  it('keeps the JSON key contract', () => {
    expect(heapSummarySchema.parse(summary)).toBeTruthy();
    expect(Object.keys(summary).sort()).toEqual(['classes', 'collections', 'edgeCount', 'file', 'largestObjects', 'nodeCount', 'pools', 'statistics', 'totalSize']);
    expect(Object.keys(summary.classes[0]).sort()).toEqual(['count', 'name', 'retainedSize', 'shallowSize']);
    expect(Object.keys(summary.largestObjects[0]).sort()).toEqual(['id', 'name', 'path', 'retainedSize', 'shallowSize', 'type']);
    expect(Object.keys(summary.collections[0]).sort()).toEqual(['entries', 'id', 'kind', 'name', 'path', 'retainedSize']);
  });

  it('reports the totals of the file', () => {
    expect(summary.nodeCount).toBe(oracle.nodeCount);
    expect(summary.edgeCount).toBe(oracle.edgeCount);
    expect(summary.totalSize).toBe(oracle.totalSize);
    expect(summary.statistics.total).toBe(oracle.totalSize);
  });

  it('counts a class exactly and its retained size covers its instances', () => {
    const sessions = oracle.objects('Session');
    expect(sessions.count).toBe(SESSIONS);
    const row = summary.classes.find((c) => c.name === 'Session');
    expect(row).toMatchObject({ count: SESSIONS, shallowSize: sessions.selfSize });
    expect(row!.retainedSize).toBeGreaterThanOrEqual(sessions.selfSize);
  });

  it('finds the Map, the Set and the array with exact entry counts and owner paths', () => {
    const byPath = (suffix: string) => summary.collections.find((c) => c.path.endsWith(suffix));
    expect(byPath('__app.store.sessions')).toMatchObject({ kind: 'Map', entries: SESSIONS });
    expect(byPath('__app.users')).toMatchObject({ kind: 'Set', entries: USERS });
    expect(byPath('__app.log')).toMatchObject({ kind: 'Array', entries: LOG_LINES });
    const sessionStore = oracle.objects('SessionStore');
    expect(sessionStore.count).toBe(1);
    // The Map is the store's only child of substance: it retains every Session.
    expect(byPath('__app.store.sessions')!.retainedSize).toBeGreaterThan(oracle.objects('Session').selfSize);
  });

  it('lists the largest objects by retained size, biggest first, each with a path', () => {
    const sizes = summary.largestObjects.map((o) => o.retainedSize);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    for (const object of summary.largestObjects) expect(object.path.length).toBeGreaterThan(0);
    const app = summary.largestObjects.find((o) => o.path.endsWith('__app'));
    expect(app, 'the __app object holds everything the test built').toBeDefined();
  });

  it('filters classes by --class and limits rows by --top', async () => {
    const result = parseJson<HeapSummaryResult>(await runCli(['heap', file, '--json', '--class', '^Session(Store)?$', '--top', '3']));
    expect(result.classes.map((c) => c.name).sort()).toEqual(['Session', 'SessionStore']);
    expect(result.largestObjects.length).toBeLessThanOrEqual(3);
  });

  it('details one node with --node: retainers, dominated children, the same retained size', async () => {
    const map = summary.collections.find((c) => c.path.endsWith('__app.store.sessions'))!;
    const result = await runCli(['heap', file, '--json', '--node', `@${map.id}`]);
    expect(result.code, result.stderr).toBe(0);
    const { node } = heapNodeSchema.parse(parseJson<HeapNodeResult>(result));
    expect(node).toMatchObject({ id: map.id, type: 'object', retainedSize: map.retainedSize });
    expect(node.retainers.some((r) => r.edge === 'sessions' && r.name === 'SessionStore')).toBe(true);
    expect(node.dominated.length).toBeGreaterThan(0);
    expect(node.dominated[0].retainedSize).toBeLessThanOrEqual(node.retainedSize);
  });

  it('exits 2 with one line for an id that is not in the snapshot', async () => {
    const result = await runCli(['heap', file, '--node', '4294967294']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/4294967294/);
  });

  it('renders tables in text mode', async () => {
    const result = await runCli(['heap', file, '--top', '5']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Classes by retained size/);
    expect(result.stdout).toMatch(/__app\.store\.sessions/);
    expect(result.stdout).toMatch(/Statistics/);
  });
});
