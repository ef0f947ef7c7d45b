// Push parser for a whole .heapsnapshot: walks the top-level object and hands each section to its byte-level reader.
import { layoutFromHeader, type SnapshotLayout } from '../layout.js';
import { HeapSnapshot } from '../snapshot.js';
import { BYTE, badInput, describeByte, isWhitespace, type SectionReader } from './bytes.js';
import { EdgeSectionReader, allocateEdgeColumns, type EdgeColumns } from './edge-section.js';
import { NodeSectionReader, allocateNodeColumns, type NodeColumns } from './node-section.js';
import { NumberListReader } from './number-list.js';
import type { ScannerKind } from './number-scanner.js';
import { StringSectionReader } from './string-section.js';
import { ValueSkipper } from './value-skipper.js';
import { finishSnapshot } from './finish.js';
import { DelegatedSection } from './delegated-section.js';

const enum State { start, beforeKey, key, colon, value, header, section, skip, afterValue, done }

/** The header is about 1 KB; anything this large is not a V8 snapshot header. */
const MAX_HEADER_BYTES = 1 << 20;
/** Each number in a section takes at least one digit and one separator byte. */
const MIN_BYTES_PER_VALUE = 2;

export interface ParserOptions {
  /** Total input size when known (a file); lets absurd header counts fail before any allocation. */
  expectedBytes?: number;
  /** Called when the `nodes` array opens at file offset `start` (the header is known by then). */
  nodesStart?: (layout: SnapshotLayout, start: number) => void;
  /**
   * Called when the `edges` array opens at file offset `start`. Returning columns means another thread parses
   * the section into them: this parser then only looks for its closing ']' and waits for `adoptEdges`.
   */
  delegateEdges?: (layout: SnapshotLayout, start: number) => EdgeColumns | undefined;
  /** How `nodes` and `edges` numbers are read (default `wasm`; tests compare it with the `js` reference loop). */
  scanner?: ScannerKind;
}

/** What the thread that parsed a delegated `edges` section reports. */
export interface DelegatedEdges {
  /** Largest string index an edge names (for the final range check). */
  maxNameIndex: number;
  /** Offset just past the section's ']'. */
  end: number;
}

export class SnapshotParser {
  readonly #file: string;
  readonly #expectedBytes: number | undefined;
  readonly #delegateEdges: ParserOptions['delegateEdges'];
  readonly #nodesStart: ParserOptions['nodesStart'];
  readonly #scanner: ScannerKind | undefined;
  #delegatedEdges: DelegatedSection | undefined;
  #edgeMaxNameIndex = Infinity;
  #edgesAdopted = false;
  #state = State.start;
  #base = 0;
  #key = '';
  #keyOffset = 0;
  #memberCount = 0;
  #skipper = new ValueSkipper();
  #headerParts: Buffer[] = [];
  #headerBytes = 0;
  #headerOffset = 0;
  #section: SectionReader | undefined;
  #layout: SnapshotLayout | undefined;
  #nodes: NodeColumns | undefined;
  #edges: EdgeColumns | undefined;
  #nodeReader: NodeSectionReader | undefined;
  #edgeReader: EdgeSectionReader | undefined;
  #stringReader: StringSectionReader | undefined;
  #locationReader: NumberListReader | undefined;

  constructor(file: string, options: ParserOptions = {}) {
    this.#file = file;
    this.#expectedBytes = options.expectedBytes;
    this.#delegateEdges = options.delegateEdges;
    this.#nodesStart = options.nodesStart;
    this.#scanner = options.scanner;
  }

  /** Whether the `edges` section went to another thread (then `adoptEdges` must come before `finish`). */
  get edgesDelegated(): boolean {
    return this.#delegatedEdges !== undefined;
  }

  /** File offset of a delegated `edges` section's ']', once this parser read it. */
  get delegatedEdgesClose(): number | undefined {
    return this.#delegatedEdges?.done ? this.#delegatedEdges.end - 1 : undefined;
  }

  /** Takes the other thread's result for a delegated `edges` section; its end must be the ']' this parser found. */
  adoptEdges(result: DelegatedEdges): void {
    const section = this.#delegatedEdges;
    if (!section) throw new Error('adoptEdges: the edges section was not delegated');
    if (section.done && section.end !== result.end) {
      throw new Error(`adoptEdges: the edge thread stopped at byte ${result.end}, the section ends at byte ${section.end}`);
    }
    this.#edgeMaxNameIndex = result.maxNameIndex;
    this.#edgesAdopted = true;
  }

  /** Bytes consumed so far. */
  get bytesRead(): number {
    return this.#base;
  }

  /** Feeds the next chunk. The chunk may be reused by the caller afterwards (partial data is copied). */
  push(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const end = bytes.length;
    let i = 0;
    while (i < end) i = this.#step(bytes, i, end);
    this.#base += end;
  }

  /** Ends the input: checks that the document is complete and consistent, and returns the snapshot. */
  finish(): HeapSnapshot {
    if (this.#base === 0) badInput(this.#file, 0, 'empty file');
    if (this.#state === State.start) badInput(this.#file, this.#base, 'no JSON content (only whitespace)');
    if (this.#state !== State.done) badInput(this.#file, this.#base, `truncated: input ends ${this.#where()}`);
    if (!this.#layout || !this.#nodes || !this.#edges) badInput(this.#file, this.#base, 'not a V8 heap snapshot: no "snapshot", "nodes" and "edges" sections');
    if (!this.#stringReader) badInput(this.#file, this.#base, 'not a V8 heap snapshot: no "strings" section');
    // The other thread saw the file end inside `edges` although this parser read the whole document: it changed.
    if (this.#delegatedEdges && !this.#edgesAdopted) badInput(this.#file, this.#delegatedEdges.end, 'the file changed while it was read (the "edges" section ends early)');
    return finishSnapshot(this.#file, this.#layout, {
      ...this.#nodes,
      ...this.#edges,
      strings: this.#stringReader.strings.finish(),
      locations: this.#locationReader?.values() ?? new Uint32Array(0),
    }, Math.max(this.#nodeReader?.maxNameIndex ?? Infinity, this.#edgeReader?.maxNameIndex ?? this.#edgeMaxNameIndex));
  }

  #where(): string {
    switch (this.#state) {
      case State.header: return 'inside the "snapshot" header';
      case State.section: return `inside "${this.#key}"${this.#key === 'strings' && this.#stringReader?.inString ? ' (in the middle of a string)' : ''}`;
      case State.skip: return `inside "${this.#key}"`;
      case State.key: case State.colon: return 'inside a section name';
      default: return 'before the closing brace of the document';
    }
  }

  #step(bytes: Buffer, i: number, end: number): number {
    switch (this.#state) {
      case State.header: return this.#captureHeader(bytes, i, end);
      case State.section: {
        const section = this.#section!;
        const next = section.consume(bytes, i, end, this.#base);
        if (section.done) this.#state = State.afterValue;
        return next;
      }
      case State.skip: {
        const next = this.#skipper.consume(bytes, i, end);
        if (this.#skipper.done) this.#state = State.afterValue;
        return next;
      }
      case State.key: {
        const close = bytes.indexOf(BYTE.quote, i);
        const stop = close === -1 || close >= end ? end : close;
        this.#key += bytes.toString('latin1', i, stop);
        if (this.#key.length > MAX_HEADER_BYTES) badInput(this.#file, this.#keyOffset, 'a section name is implausibly long');
        if (stop === close) this.#state = State.colon;
        return stop === close ? close + 1 : end;
      }
      default: {
        const byte = bytes[i];
        if (isWhitespace(byte)) return i + 1;
        this.#structural(byte, this.#base + i);
        return i + 1;
      }
    }
  }

  /** Handles one structural byte of the top-level object. */
  #structural(byte: number, offset: number): void {
    switch (this.#state) {
      case State.start:
        if (byte !== BYTE.openBrace) badInput(this.#file, offset, `not JSON: expected '{' to start a heap snapshot, found ${describeByte(byte)}`);
        this.#state = State.beforeKey;
        return;
      case State.beforeKey:
        if (byte === BYTE.quote) {
          this.#key = '';
          this.#keyOffset = offset;
          this.#state = State.key;
        } else if (byte === BYTE.closeBrace && this.#memberCount === 0) {
          this.#state = State.done;
        } else {
          badInput(this.#file, offset, `expected a section name, found ${describeByte(byte)}`);
        }
        return;
      case State.colon:
        if (byte !== BYTE.colon) badInput(this.#file, offset, `expected ':' after "${this.#key}", found ${describeByte(byte)}`);
        this.#state = State.value;
        return;
      case State.value:
        this.#startValue(byte, offset);
        return;
      case State.afterValue:
        this.#memberCount++;
        if (byte === BYTE.comma) this.#state = State.beforeKey;
        else if (byte === BYTE.closeBrace) this.#state = State.done;
        else badInput(this.#file, offset, `expected ',' or '}' after "${this.#key}", found ${describeByte(byte)}`);
        return;
      case State.done:
        badInput(this.#file, offset, `unexpected ${describeByte(byte)} after the end of the snapshot`);
    }
  }

  /** Chooses how to read the value of the current key; `byte` is its first non-space byte (not yet consumed). */
  #startValue(byte: number, offset: number): void {
    const key = this.#key;
    if (key === 'snapshot') {
      if (this.#layout) badInput(this.#file, offset, 'two "snapshot" headers');
      if (byte !== BYTE.openBrace) badInput(this.#file, offset, `not a V8 heap snapshot: "snapshot" is not an object`);
      this.#headerOffset = offset;
      this.#headerParts = [Buffer.from([byte])];
      this.#headerBytes = 1;
      this.#skipper = new ValueSkipper();
      this.#skipper.consume(Buffer.from([byte]), 0, 1);
      this.#state = State.header;
      return;
    }
    this.#section = this.#sectionFor(key, offset);
    if (this.#section) {
      this.#state = State.section;
      this.#section.consume(Buffer.from([byte]), 0, 1, offset);
      return;
    }
    this.#skipper = new ValueSkipper();
    this.#state = State.skip;
    this.#skipper.consume(Buffer.from([byte]), 0, 1);
    if (this.#skipper.done) badInput(this.#file, offset, `unexpected ${describeByte(byte)} as the value of "${key}"`);
  }

  #sectionFor(key: string, offset: number): SectionReader | undefined {
    const needLayout = (): SnapshotLayout => this.#layout ?? badInput(this.#file, offset, `not a V8 heap snapshot: "${key}" comes before the "snapshot" header`);
    switch (key) {
      case 'nodes': {
        if (this.#nodeReader) badInput(this.#file, offset, 'two "nodes" sections');
        const layout = needLayout();
        this.#nodes = this.#allocate(offset, () => allocateNodeColumns(layout.nodeCount));
        this.#nodesStart?.(layout, offset);
        return (this.#nodeReader = new NodeSectionReader(this.#file, layout, this.#nodes, this.#scanner));
      }
      case 'edges': {
        if (this.#edgeReader || this.#delegatedEdges) badInput(this.#file, offset, 'two "edges" sections');
        const layout = needLayout();
        if (!this.#nodeReader?.done) badInput(this.#file, offset, 'not a V8 heap snapshot: "edges" comes before "nodes"');
        const delegated = this.#delegateEdges?.(layout, offset);
        if (delegated) {
          this.#edges = delegated;
          return (this.#delegatedEdges = new DelegatedSection(this.#file, 'edges'));
        }
        this.#edges = this.#allocate(offset, () => allocateEdgeColumns(layout.edgeCount));
        return (this.#edgeReader = new EdgeSectionReader(this.#file, layout, this.#edges, this.#scanner));
      }
      case 'strings':
        if (this.#stringReader) badInput(this.#file, offset, 'two "strings" sections');
        // The rest of the input bounds the section's bytes (strings come last in V8's files): one allocation.
        return (this.#stringReader = new StringSectionReader(this.#file, this.#expectedBytes === undefined ? undefined : this.#expectedBytes - offset));
      case 'locations':
        if (this.#locationReader) badInput(this.#file, offset, 'two "locations" sections');
        // The rest of the input bounds the section (one allocation, see NumberListReader).
        return (this.#locationReader = new NumberListReader(this.#file, 'locations', this.#scanner, this.#expectedBytes === undefined ? undefined : this.#expectedBytes - offset));
      default:
        return undefined;
    }
  }

  #allocate<T>(offset: number, allocate: () => T): T {
    try {
      return allocate();
    } catch (error) {
      if (error instanceof RangeError) badInput(this.#file, offset, `cannot allocate memory for the counts in the header (${error.message})`);
      throw error;
    }
  }

  #captureHeader(bytes: Buffer, i: number, end: number): number {
    const next = this.#skipper.consume(bytes, i, end);
    this.#headerParts.push(Buffer.from(bytes.subarray(i, next)));
    this.#headerBytes += next - i;
    if (this.#headerBytes > MAX_HEADER_BYTES) badInput(this.#file, this.#headerOffset, 'not a V8 heap snapshot: the "snapshot" header is implausibly large');
    if (!this.#skipper.done) return next;
    let header: unknown;
    try {
      header = JSON.parse(Buffer.concat(this.#headerParts).toString('utf8'));
    } catch (error) {
      badInput(this.#file, this.#headerOffset, `the "snapshot" header is not valid JSON (${(error as Error).message})`);
    }
    const layout = layoutFromHeader(header, this.#file, this.#headerOffset);
    const values = layout.nodeCount * layout.nodeFieldCount + layout.edgeCount * layout.edgeFieldCount;
    if (this.#expectedBytes !== undefined && values * MIN_BYTES_PER_VALUE > this.#expectedBytes) {
      badInput(this.#file, this.#headerOffset, `the header promises ${layout.nodeCount} nodes and ${layout.edgeCount} edges, more than a ${this.#expectedBytes}-byte file can hold`);
    }
    if (layout.nodeCount === 0) badInput(this.#file, this.#headerOffset, 'the snapshot has no nodes');
    this.#layout = layout;
    this.#headerParts = [];
    this.#state = State.afterValue;
    return next;
  }
}
