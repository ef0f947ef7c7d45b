// Live pools of the target: found once (prototypes from modules the app loaded, else duck typing, in ONE
// Runtime.queryObjects heap walk whose pause is measured), held in an object group, read each interval
// in one call, released at the end.
import type { Protocol } from 'devtools-protocol';
import type { RuntimePoolLibrary, RuntimeReading } from '../pools/runtime/index.js';
import type { CdpSession } from './cdp-session.js';
import { callOn, callOnHandle, evaluateHandle } from './evaluate.js';

export const POOL_OBJECT_GROUP = 'pooldoc-pools';

export interface PoolInstanceReading {
  index: number;
  library: string;
  readings: RuntimeReading[];
  error?: string;
}

/** The library table, built inside the target: prototypes from already-loaded modules plus the snippets. */
function tableExpression(libraries: readonly RuntimePoolLibrary[]): string {
  const entries = libraries.map(
    (lib) => `{ library: ${JSON.stringify(lib.library)}, protos: safe(${lib.prototypes}), duckKey: ${JSON.stringify(lib.duckKey)},
      duck: ${lib.duck}, owned: ${lib.owned ?? 'null'}, read: ${lib.read} }`,
  );
  return `(() => {
  const Module = process.getBuiltinModule ? process.getBuiltinModule('module') : (process.mainModule && process.mainModule.constructor);
  let req = null;
  try { req = Module && process.argv[1] ? Module.createRequire(process.argv[1]) : null; } catch (e) { req = null; }
  // Only modules already in the CJS cache: resolving is harmless, loading would run code in the target.
  const fromCache = (spec) => { try { const m = req && req.cache[req.resolve(spec)]; return m ? m.exports : undefined; } catch (e) { return undefined; } };
  // Builtins too only when the app loaded them: getBuiltinModule('https') would load tls and create https.globalAgent,
  // which the end walk then reported as a pool new during the run. moduleLoadList names ESM imports of node: too.
  const loaded = (name) => process.moduleLoadList.includes('NativeModule ' + name);
  const builtin = (name) => !loaded(name) ? undefined : process.getBuiltinModule ? process.getBuiltinModule(name) : (req ? req(name) : undefined);
  const safe = (find) => { try { return (find(fromCache, builtin) || []).filter((p) => p && typeof p === 'object'); } catch (e) { return []; } };
  return [${entries.join(',\n')}];
})()`;
}

/** Runs in the target over queryObjects' array: one prototype-chain walk per object, then own-key duck tests. */
const MATCH_FUNCTION = `function (all) {
  const hasOwn = Object.prototype.hasOwnProperty;
  const byProto = new Map();
  for (const lib of this) for (const p of lib.protos) if (!byProto.has(p)) byProto.set(p, lib);
  const found = [];
  for (let i = 0; i < all.length; i++) {
    const o = all[i];
    if (o === null || typeof o !== 'object' || hasOwn.call(o, 'constructor')) continue; // prototypes are not instances
    let hit = null;
    for (let p = Object.getPrototypeOf(o); p !== null && hit === null; p = Object.getPrototypeOf(p)) hit = byProto.get(p) || null;
    if (hit === null) for (const lib of this) {
      if (lib.duckKey && hasOwn.call(o, lib.duckKey)) { try { if (lib.duck(o)) { hit = lib; break; } } catch (e) {} }
    }
    if (hit !== null) found.push({ library: hit.library, lib: hit, instance: o });
  }
  const owned = new Set();
  for (const f of found) if (f.lib.owned) { try { for (const c of f.lib.owned(f.instance)) owned.add(c); } catch (e) {} }
  return found.filter((f) => !owned.has(f.instance));
}`;

const READ_FUNCTION = `function (matches) {
  return matches.map((m, index) => {
    try { return { index, library: m.library, readings: m.lib.read(m.instance, index) }; }
    catch (e) { return { index, library: m.library, readings: [], error: String(e && e.message || e) }; }
  });
}`;

/** One heap walk for every library: queryObjects pauses the target for the whole walk (reference: 0.1–1.1 s). */
async function findMatches(session: CdpSession, table: Protocol.Runtime.RemoteObjectId): Promise<{ matches: Protocol.Runtime.RemoteObjectId; pauseMs: number }> {
  const objectPrototype = await evaluateHandle(session, 'Object.prototype', POOL_OBJECT_GROUP);
  const started = performance.now();
  const { objects } = await session.send('Runtime.queryObjects', { prototypeObjectId: objectPrototype.objectId!, objectGroup: POOL_OBJECT_GROUP }, { timeoutMs: 120_000 });
  const pauseMs = performance.now() - started;
  try {
    const matches = await callOnHandle(session, table, MATCH_FUNCTION, [{ objectId: objects.objectId }], POOL_OBJECT_GROUP);
    return { matches: matches.objectId!, pauseMs };
  } finally {
    // The array holds every object of the heap alive: drop it at once.
    await session.send('Runtime.releaseObject', { objectId: objects.objectId! }).catch(() => undefined);
  }
}

export class LivePools {
  private constructor(
    private readonly session: CdpSession,
    private readonly table: Protocol.Runtime.RemoteObjectId,
    private readonly matches: Protocol.Runtime.RemoteObjectId,
    /** Milliseconds the target was paused by the queryObjects heap walk. */
    readonly pauseMs: number,
    readonly count: number,
  ) {}

  static async discover(session: CdpSession, libraries: readonly RuntimePoolLibrary[]): Promise<LivePools> {
    const table = await evaluateHandle(session, tableExpression(libraries), POOL_OBJECT_GROUP);
    const { matches, pauseMs } = await findMatches(session, table.objectId!);
    const count = await callOn<number>(session, matches, 'function () { return this.length; }');
    return new LivePools(session, table.objectId!, matches, pauseMs, count);
  }

  /**
   * Walks the heap again and counts, per library, pool instances that were not there at discovery: pools created
   * during the run are not sampled, but many of them (a pool per request or per job) is itself the finding.
   */
  async appearedSince(): Promise<{ pauseMs: number; libraries: Record<string, number> }> {
    const { matches, pauseMs } = await findMatches(this.session, this.table);
    const libraries = await callOn<Record<string, number>>(this.session, matches, `function (old) {
      const known = new Set(old.map((m) => m.instance));
      const counts = {};
      for (const m of this) if (!known.has(m.instance)) counts[m.library] = (counts[m.library] || 0) + 1;
      return counts;
    }`, [{ objectId: this.matches }]);
    await this.session.send('Runtime.releaseObject', { objectId: matches }).catch(() => undefined);
    return { pauseMs, libraries };
  }

  /** Counters of every instance now, in one protocol call. */
  read(): Promise<PoolInstanceReading[]> {
    return callOn<PoolInstanceReading[]>(this.session, this.table, READ_FUNCTION, [{ objectId: this.matches }]);
  }

  /** Lets the target collect pools it dropped meanwhile: our handles kept them alive until now. */
  async release(): Promise<void> {
    if (this.session.isClosed) return;
    await this.session.send('Runtime.releaseObjectGroup', { objectGroup: POOL_OBJECT_GROUP }).catch(() => undefined);
  }
}
