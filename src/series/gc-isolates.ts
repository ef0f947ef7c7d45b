// Per-isolate GC series of a trace-gc log, and their wall-clock anchoring (logs only have ms since isolate start).
import { ColumnBuilder, hasValues } from './column-builder.js';
import type { ReadContext } from './reader-context.js';
import type { GcEvent, MemorySeries } from './types.js';

export class IsolateGroup {
  readonly relativeMs = new ColumnBuilder();
  readonly heapAfter = new ColumnBuilder();
  readonly heapTotalAfter = new ColumnBuilder();
  /** Event times are ms since isolate start until `finish` adds the anchor. */
  readonly events: GcEvent[] = [];
  lastLine = 0;
  lastMs = 0;
  /** The first line of another isolate after this one's last line (so far): what its end is anchored to. */
  followerGroup: IsolateGroup | undefined;
  followerMs = 0;

  constructor(
    readonly pid: number,
    readonly isolate: number,
    /** `pid:0xaddress` as V8 prints it. */
    readonly key: string,
  ) {}
}

export class IsolateGroups {
  private readonly groups: IsolateGroup[] = [];
  private readonly byKey = new Map<string, IsolateGroup>();
  private last: IsolateGroup | undefined;

  /** The group for a line; the common case (same isolate as the previous line) allocates nothing. */
  groupFor(pid: number, isolate: number): IsolateGroup {
    const last = this.last;
    if (last && last.pid === pid && last.isolate === isolate) return last;
    const key = `${pid}:0x${isolate.toString(16)}`;
    let group = this.byKey.get(key);
    if (!group) {
      group = new IsolateGroup(pid, isolate, key);
      this.byKey.set(key, group);
      this.groups.push(group);
    }
    return group;
  }

  /** Records a parsed line of `group` at `ms` since its isolate started. */
  noteLine(group: IsolateGroup, ms: number, lineNumber: number): void {
    const previous = this.last;
    if (previous && previous !== group) {
      previous.followerGroup = group;
      previous.followerMs = ms;
    }
    group.followerGroup = undefined;
    group.lastLine = lineNumber;
    group.lastMs = ms;
    this.last = group;
  }

  /**
   * Anchors every isolate to wall-clock time and returns one series per isolate. With `--start` every
   * isolate starts there. Otherwise the file's last line is taken to be written at its mtime, and an isolate
   * that stopped logging earlier ends where the next line of another isolate was written (so restarts appended
   * to one file line up one after the other, and worker threads line up with the main thread).
   */
  finish(context: ReadContext): MemorySeries[] {
    const anchors = new Map<IsolateGroup, number>();
    // Followers always end later in the file, so resolving by last line, latest first, finds them resolved.
    const latestFirst = [...this.groups].sort((a, b) => b.lastLine - a.lastLine);
    for (const group of latestFirst) {
      if (context.start !== undefined) {
        anchors.set(group, context.start);
        continue;
      }
      const follower = group.followerGroup;
      const end = follower ? (anchors.get(follower) ?? context.mtimeMs - follower.lastMs) + group.followerMs : context.mtimeMs;
      anchors.set(group, end - group.lastMs);
    }
    const series: MemorySeries[] = [];
    for (const group of this.groups) {
      if (group.relativeMs.length === 0) continue;
      const anchor = anchors.get(group)!;
      const time = group.relativeMs.finish();
      for (let i = 0; i < time.length; i++) time[i] += anchor;
      for (const event of group.events) event.time += anchor;
      const heapTotal = group.heapTotalAfter.finish();
      series.push({
        source: context.file,
        instance: group.key,
        time,
        columns: hasValues(heapTotal) ? { heapUsed: group.heapAfter.finish(), heapTotal } : { heapUsed: group.heapAfter.finish() },
        gcEvents: group.events,
        timeAnchor: context.start !== undefined ? 'start-flag' : 'file-mtime',
      });
    }
    return series;
  }
}
