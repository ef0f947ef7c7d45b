// The `edges` section split between the edge thread (from its start) and this thread (from its end, once done with
// the rest of the file): the pieces each claims, where a piece starts, and this thread's share.
import { readSync } from 'node:fs';
import { InputError } from '../../errors.js';
import type { SnapshotLayout } from '../layout.js';
import { BYTE } from './bytes.js';
import { EdgeSectionReader, allocateEdgeColumns, type EdgeColumns } from './edge-section.js';
import type { ScannerKind } from './number-scanner.js';

/**
 * Bytes of `edges` per piece: what the edge thread reads at a time once this thread may take pieces from the end.
 * Small enough that the two threads end within a few ms of each other (2 MB parse in ~15 ms), large enough that
 * claiming one costs nothing.
 */
export const PIECE_BYTES = 2 << 20;
/** This thread stops taking pieces after a piece start this far past its nominal place (lines that long are not V8's). */
const LONG_LINE_BYTES = 1 << 16;
/** Back end while this thread takes nothing: above any piece index. */
const NO_CLAIM = 0xffff_ffffn;

/**
 * Which pieces each thread took, in one shared 64-bit word (`back << 32 | front`) changed by compare-and-swap:
 * the edge thread has taken pieces [0, front), this thread [back, …). A piece is taken by exactly one of them.
 */
export class PieceClaims {
  readonly #word: BigUint64Array;

  constructor(buffer: SharedArrayBuffer) {
    this.#word = new BigUint64Array(buffer);
  }

  static allocate(): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer(BigUint64Array.BYTES_PER_ELEMENT);
    new BigUint64Array(buffer)[0] = NO_CLAIM << 32n;
    return buffer;
  }

  /** The edge thread: takes the next piece from the front; its index, or -1 when this thread took it. */
  claimFront(): number {
    for (;;) {
      const word = Atomics.load(this.#word, 0);
      const front = word & 0xffff_ffffn;
      if (front >= word >> 32n) return -1;
      if (Atomics.compareExchange(this.#word, 0, word, word + 1n) === word) return Number(front);
    }
  }

  /** This thread: takes the last piece not yet taken of `pieceCount` (never piece 0); its index, or -1. */
  claimBack(pieceCount: number): number {
    for (;;) {
      const word = Atomics.load(this.#word, 0);
      const front = word & 0xffff_ffffn;
      const back = word >> 32n;
      const piece = (back < BigInt(pieceCount) ? back : BigInt(pieceCount)) - 1n;
      if (piece < 1n || piece < front) return -1;
      if (Atomics.compareExchange(this.#word, 0, word, (piece << 32n) | front) === word) return Number(piece);
    }
  }
}

/**
 * Where piece `piece` starts: just after the first newline at or after its nominal offset, or at the section's ']'
 * if that comes first (then it and every later piece are empty). Both threads compute it from the bytes, so they
 * agree on it. Why a newline: V8 writes one record a line, so a piece starts on a record; a file laid out
 * otherwise is still read right, since a split is only kept when the records of both sides add up (joinSplit).
 */
export function pieceStart(fd: number, sectionStart: number, piece: number, pieceBytes: number, probe: Buffer): number {
  if (piece === 0) return sectionStart;
  let at = sectionStart + piece * pieceBytes;
  for (;;) {
    const bytesRead = readSync(fd, probe, 0, probe.length, at);
    // The end of the file: the section is truncated, which the readers report.
    if (bytesRead === 0) return at;
    for (let i = 0; i < bytesRead; i++) {
      const byte = probe[i];
      if (byte === BYTE.newline) return at + i + 1;
      if (byte === BYTE.closeBracket) return at + i;
    }
    at += bytesRead;
  }
}

/** This thread's share: records [edgeCount - records, edgeCount) are stored; `from` is where its first piece starts. */
export interface TailShare {
  records: number;
  from: number;
  maxNameIndex: number;
  /** False when a piece did not end on a record, held more records than fit, or held bad input: the share is void. */
  valid: boolean;
}

export interface TailRequest {
  file: string;
  fd: number;
  layout: SnapshotLayout;
  columns: EdgeColumns;
  claims: PieceClaims;
  /** Offsets of the section's '[' and ']'. */
  sectionStart: number;
  sectionClose: number;
  pieceBytes?: number;
  /** Bytes per read (the reader's chunk size: small, so a chunk is parsed while still in cache). */
  chunkBytes: number;
  scanner?: ScannerKind;
  /** Pieces to take at most (tests: a split at every piece). */
  maxPieces?: number;
}

/**
 * Takes pieces from the end of the section while the edge thread has not reached them, parsing each into the
 * columns' last free records. A piece with bad input voids the share (the caller then reads the section again in
 * one pass, so the error is the one and at the offset the sequential reader gives) and stops the taking, so the
 * edge thread reads every piece before it.
 */
export function readTail(request: TailRequest): TailShare {
  const { fd, columns, claims, sectionStart, sectionClose } = request;
  const pieceBytes = request.pieceBytes ?? PIECE_BYTES;
  const pieceCount = Math.ceil((sectionClose - sectionStart) / pieceBytes);
  const share: TailShare = { records: 0, from: sectionClose, maxNameIndex: 0, valid: true };
  let left = request.maxPieces ?? Infinity;
  let piece = left > 0 ? claims.claimBack(pieceCount) : -1;
  if (piece < 0) return share;
  // A piece holds at most one record per 6 bytes ("0,0,0\n"); its end is at most a short line past its nominal end.
  const staging = allocateEdgeColumns(Math.ceil((pieceBytes + LONG_LINE_BYTES) / 6) + 1);
  const reader = EdgeSectionReader.forFragments(request.file, request.layout, staging, request.scanner);
  const probe = Buffer.allocUnsafe(256);
  const buffer = Buffer.allocUnsafe(Math.min(request.chunkBytes, pieceBytes + LONG_LINE_BYTES));
  const edgeCount = columns.edgeTarget.length;
  while (piece >= 0) {
    const from = pieceStart(fd, sectionStart, piece, pieceBytes, probe);
    const to = share.from;
    try {
      reader.restart();
      feed(fd, reader, buffer, from, to);
      // A record cut at the piece's end: the split points are not record boundaries, and the join would fail.
      if (reader.settle(to) !== 0) share.valid = false;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      share.valid = false;
    }
    const records = reader.recordsRead;
    const at = edgeCount - share.records - records;
    if (!share.valid || at < 0) {
      share.valid = false;
      break;
    }
    columns.edgeTarget.set(staging.edgeTarget.subarray(0, records), at);
    columns.edgeNameOrIndex.set(staging.edgeNameOrIndex.subarray(0, records), at);
    columns.edgeType.set(staging.edgeType.subarray(0, records), at);
    share.records += records;
    share.from = from;
    // A piece start far past its nominal place: long lines, so every further piece start costs a long search.
    if (from - (sectionStart + piece * pieceBytes) > LONG_LINE_BYTES || --left === 0) break;
    piece = claims.claimBack(pieceCount);
  }
  share.maxNameIndex = reader.maxNameIndex;
  return share;
}

/** Feeds file bytes [from, to) to the reader, through the buffer. */
export function feed(fd: number, reader: EdgeSectionReader, buffer: Buffer, from: number, to: number): void {
  let position = from;
  while (position < to) {
    const bytesRead = readSync(fd, buffer, 0, Math.min(buffer.length, to - position), position);
    if (bytesRead === 0) return;
    reader.consume(buffer, 0, bytesRead, position);
    position += bytesRead;
  }
}
