// Per-isolate GC series of a trace-gc log, and their wall-clock anchoring (logs only have ms since isolate start).
import { hasValues } from './column-builder.js';
import { attachLazyGcEvents, GcColumnsBuilder, type GcColumnsPart } from './gc-columns.js';
import type { ReadContext } from './reader-context.js';
import type { MemorySeries } from './types.js';

export class IsolateGroup {
  /** Event times are ms since isolate start until `finish` adds the anchor. */
  readonly gc = new GcColumnsBuilder();
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

/** The isolates of one part of a log read by another thread; line numbers count from the part's first line. */
export interface IsolateGroupsPart {
  groups: { pid: number; isolate: number; key: string; gc: GcColumnsPart; lastLine: number; lastMs: number; followerKey?: string; followerMs: number }[];
  /** The isolate and ms of the part's first GC line: it is what the previous part's last isolate is followed by. */
  firstKey?: string;
  firstMs: number;
  lastKey?: string;
}

export class IsolateGroups {
  private readonly groups: IsolateGroup[] = [];
  private readonly byKey = new Map<string, IsolateGroup>();
  private last: IsolateGroup | undefined;
  private first: IsolateGroup | undefined;
  private firstMs = 0;

  /** The group for a line; the common case (same isolate as the previous line) allocates nothing. */
  groupFor(pid: number, isolate: number): IsolateGroup {
    const last = this.last;
    if (last && last.pid === pid && last.isolate === isolate) return last;
    return this.groupForKey(pid, isolate, `${pid}:0x${isolate.toString(16)}`);
  }

  private groupForKey(pid: number, isolate: number, key: string): IsolateGroup {
    let group = this.byKey.get(key);
    if (!group) {
      group = new IsolateGroup(pid, isolate, key);
      this.byKey.set(key, group);
      this.groups.push(group);
    }
    return group;
  }

  /** This part's state, to send to the thread that merges the parts; the groups must not be used afterwards. */
  toPart(): IsolateGroupsPart {
    return {
      groups: this.groups.map((group) => ({ pid: group.pid, isolate: group.isolate, key: group.key, gc: group.gc.toPart(), lastLine: group.lastLine, lastMs: group.lastMs, followerKey: group.followerGroup?.key, followerMs: group.followerMs })),
      firstKey: this.first?.key,
      firstMs: this.firstMs,
      lastKey: this.last?.key,
    };
  }

  /**
   * Appends the next part of the same log (read by another thread) as if its lines had followed here:
   * columns are concatenated, line numbers offset by `lineOffset`, and the isolate that was last before the
   * part is followed by the part's first line, as `noteLine` would have done.
   */
  absorb(part: IsolateGroupsPart, lineOffset: number, typeIndexMap: readonly number[]): void {
    // Create the part's new isolates first, in the part's order (the order a single reader meets them in).
    const groups = part.groups.map((group) => this.groupForKey(group.pid, group.isolate, group.key));
    if (part.firstKey !== undefined) {
      const first = this.byKey.get(part.firstKey)!;
      if (this.last && this.last !== first) {
        this.last.followerGroup = first;
        this.last.followerMs = part.firstMs;
      }
      if (!this.first) {
        this.first = first;
        this.firstMs = part.firstMs;
      }
    }
    part.groups.forEach((partGroup, index) => {
      const group = groups[index];
      group.gc.appendPart(partGroup.gc, typeIndexMap);
      // A group without any GC line in the part keeps what earlier parts said about it.
      if (partGroup.lastLine === 0) return;
      group.lastLine = partGroup.lastLine + lineOffset;
      group.lastMs = partGroup.lastMs;
      group.followerGroup = partGroup.followerKey === undefined ? undefined : this.byKey.get(partGroup.followerKey);
      group.followerMs = partGroup.followerMs;
    });
    if (part.lastKey !== undefined) this.last = this.byKey.get(part.lastKey);
  }

  /** Records a parsed line of `group` at `ms` since its isolate started. */
  noteLine(group: IsolateGroup, ms: number, lineNumber: number): void {
    const previous = this.last;
    if (!previous) {
      this.first = group;
      this.firstMs = ms;
    } else if (previous !== group) {
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
  finish(context: ReadContext, typeNames: string[]): MemorySeries[] {
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
      if (group.gc.length === 0) continue;
      const gc = group.gc.finish(anchors.get(group)!, typeNames);
      // The heap samples are the events' after-GC sizes: the same arrays, shared rather than copied.
      const columns: MemorySeries['columns'] = { heapUsed: gc.heapAfter };
      if (hasValues(gc.heapTotalAfter)) columns.heapTotal = gc.heapTotalAfter;
      const memory: MemorySeries = { source: context.file, instance: group.key, time: gc.time, columns, timeAnchor: context.start !== undefined ? 'start-flag' : 'file-mtime' };
      attachLazyGcEvents(memory, gc);
      series.push(memory);
    }
    return series;
  }
}
