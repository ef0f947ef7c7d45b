// The target's own garbage collections, observed without forcing any: a v8.GCProfiler installed through the
// inspector, drained every sample into GcEvents (heap before/after each collection), stopped on detach.
//
// Why GCProfiler (measured with bench/analyze/gc-observation.mjs against --trace-gc on Node 20, 22 and 24; figures
// in docs/commands/analyze.md): it records the heap inside V8's GC epilogue, so its heap-after equals trace-gc's to
// 0.05 MB and it sees every major. A `gc` PerformanceObserver gives the kind and time but no size: a heap reading
// in its callback comes after the app ran again (0.3–40 ms later) and was off by up to 37 MB on a 40 MB sawtooth.
// Polling old-space statistics missed a third of the majors and reads whatever was allocated since. NodeTracing's
// MajorGC events carry sizes but arrive only when tracing stops, and tracing is process-wide state.
// Its one gap: GCProfiler gives no time per collection, only its run's start and end, so a collection's time is
// known to the sample interval (events are spread evenly over the drain interval).
import type { Protocol } from 'devtools-protocol';
import type { GcEvent } from '../series/types.js';
import type { CdpSession } from './cdp-session.js';
import { callOn, evaluateHandle } from './evaluate.js';

export const GC_OBJECT_GROUP = 'pooldoc-gc';

/**
 * When pooldoc stops draining (killed without detaching), the profiler in the target would keep recording: an
 * unref'd timer there stops it after this long without a drain. Far above any sample interval pooldoc uses…
 */
const ABANDONED_AFTER_MS = 30_000;
/** …and at least this many intervals, for long --interval values. */
const ABANDONED_AFTER_INTERVALS = 10;

/**
 * Runs in the target: a holder object (no global, held only by pooldoc's object group and its own timer) that
 * restarts the profiler at each drain and returns compact rows [major, before, after, pause µs].
 * `require` exists only with the console API, for targets older than process.getBuiltinModule (Node 20.16).
 */
function installExpression(abandonAfterMs: number): string {
  return `(() => {
  // Builtins this evaluation loads are pooldoc's (the JS thread runs nothing else meanwhile): reported as such.
  const loadedBefore = process.moduleLoadList.length;
  const v8 = process.getBuiltinModule ? process.getBuiltinModule('v8') : require('v8');
  const loaded = process.moduleLoadList.slice(loadedBefore);
  if (typeof v8.GCProfiler !== 'function') return { loaded, observer: null };
  class PooldocGcObserver {
    constructor() { this.profiler = new v8.GCProfiler(); this.profiler.start(); this.drainedAt = Date.now();
      this.timer = setInterval(() => { if (Date.now() - this.drainedAt > ${abandonAfterMs}) this.stop(); }, ${Math.ceil(abandonAfterMs / 3)});
      this.timer.unref(); }
    drain(restart) {
      if (!this.profiler) return null;
      const data = this.profiler.stop();
      this.profiler = null;
      if (restart) { this.profiler = new v8.GCProfiler(); this.profiler.start(); } else clearInterval(this.timer);
      this.drainedAt = Date.now();
      const rows = [];
      for (const s of (data && data.statistics) || []) {
        // Marking steps and weak-callback phases are parts of a collection, not collections.
        const major = s.gcType === 'MarkSweepCompact' ? 1 : s.gcType === 'Scavenge' || s.gcType === 'MinorMarkSweep' || s.gcType === 'MinorMarkCompact' ? 0 : -1;
        if (major >= 0) rows.push([major, s.beforeGC.heapStatistics.usedHeapSize, s.afterGC.heapStatistics.usedHeapSize, s.cost]);
      }
      return { start: data ? data.startTime : Date.now(), end: data ? data.endTime : Date.now(), rows };
    }
    stop() { clearInterval(this.timer); if (this.profiler) this.profiler.stop(); this.profiler = null; return true; }
  }
  return { loaded, observer: new PooldocGcObserver() };
})()`;
}

interface Drained {
  start: number;
  end: number;
  rows: [number, number, number, number][];
}

export class GcObserver {
  readonly events: GcEvent[] = [];

  private constructor(
    private readonly session: CdpSession,
    private readonly holder: Protocol.Runtime.RemoteObjectId,
    /** Builtins the install loaded into the target (`NativeModule v8`, …): pooldoc's, not the app's. */
    readonly loadedModules: string[],
    /** False when the target's Node has no v8.GCProfiler (before 18.15 / 19.6): no events, raw samples only. */
    readonly available: boolean,
  ) {}

  static async install(session: CdpSession, intervalMs: number): Promise<GcObserver> {
    const abandonAfterMs = Math.max(ABANDONED_AFTER_MS, ABANDONED_AFTER_INTERVALS * intervalMs);
    const holder = await evaluateHandle(session, installExpression(abandonAfterMs), GC_OBJECT_GROUP, { timeoutMs: 2000, commandLineApi: true });
    const state = await callOn<{ loaded: string[]; available: boolean }>(session, holder.objectId!, 'function () { return { loaded: this.loaded, available: this.observer !== null }; }');
    return new GcObserver(session, holder.objectId!, state.loaded, state.available);
  }

  /** Moves the collections since the last drain into `events`; returns how many. */
  async drain(restart = true): Promise<number> {
    if (!this.available) return 0;
    const drained = await callOn<Drained | null>(this.session, this.holder, `function (restart) { return this.observer.drain(restart); }`, [{ value: restart }]);
    if (!drained) return 0;
    const { start, end, rows } = drained;
    rows.forEach(([major, heapBefore, heapAfter, costMicros], index) => {
      // No time per collection in GCProfiler's output: spread them evenly over the interval they fell in.
      const time = start + ((index + 1) / (rows.length + 1)) * (end - start);
      this.events.push({ time, kind: major === 1 ? 'major' : 'minor', heapBefore, heapAfter, pauseMs: costMicros / 1000, type: major === 1 ? 'MarkSweepCompact' : 'Scavenge' });
    });
    return rows.length;
  }

  /** Last drain, profiler and timer stopped, holder released: nothing of pooldoc's stays in the target. */
  async stop(): Promise<void> {
    if (this.session.isClosed) return;
    try {
      await this.drain(false);
    } catch {
      await callOn(this.session, this.holder, 'function () { return this.observer && this.observer.stop(); }').catch(() => undefined);
    }
    await this.session.send('Runtime.releaseObjectGroup', { objectGroup: GC_OBJECT_GROUP }).catch(() => undefined);
  }
}
