// Byte constants and the error helper shared by the snapshot reader's section parsers.
import { InputError } from '../../errors.js';

export const BYTE = {
  tab: 9, newline: 10, carriageReturn: 13, space: 32, quote: 34, comma: 44, minus: 45, colon: 58,
  zero: 48, nine: 57, openBracket: 91, backslash: 92, closeBracket: 93, openBrace: 123, closeBrace: 125,
} as const;

export function isWhitespace(byte: number): boolean {
  return byte === BYTE.space || byte === BYTE.newline || byte === BYTE.carriageReturn || byte === BYTE.tab;
}

export function isDigit(byte: number): boolean {
  return byte >= BYTE.zero && byte <= BYTE.nine;
}

/**
 * The decimal number whose digits are bytes[start, end) (the caller found them), appended to `value` (the part
 * of a number a chunk boundary cut); exact up to 2^53.
 */
export function digitsValue(bytes: Uint8Array, start: number, end: number, value = 0): number {
  for (let i = start; i < end; i++) value = value * 10 + (bytes[i] - BYTE.zero);
  return value;
}

/** Describes a byte for an error message: a printable character in quotes, else its hex code. */
export function describeByte(byte: number): string {
  return byte >= 0x21 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

/** Throws the one-line InputError the CLI shows: file, byte offset, what was wrong. */
export function badInput(file: string, offset: number, message: string): never {
  throw new InputError(message, { file, offset });
}

/** A section parser consumes bytes of one top-level value and says where it stopped. */
export interface SectionReader {
  /** True once the closing bracket of the section was consumed. */
  readonly done: boolean;
  /**
   * Consumes `bytes[start..end)`; `base` is the file offset of `bytes[0]`. Returns the index of the first byte
   * not consumed (== end when it needs more input).
   */
  consume(bytes: Buffer, start: number, end: number, base: number): number;
}

/** Opens a top-level array: skips whitespace, requires '['. Returns the index after it, or -1 when more input is needed. */
export function openArray(bytes: Buffer, start: number, end: number, base: number, file: string, section: string): number {
  let i = start;
  while (i < end && isWhitespace(bytes[i])) i++;
  if (i === end) return -1;
  if (bytes[i] !== BYTE.openBracket) badInput(file, base + i, `expected '[' to open "${section}", found ${describeByte(bytes[i])}`);
  return i + 1;
}
