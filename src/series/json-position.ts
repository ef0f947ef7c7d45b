// Turns JSON.parse's "at position N" into a line and column, so a truncated file error names where it broke.
import { InputError } from '../errors.js';

/** Line (1-based) and column of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** JSON.parse with an InputError naming file, line and column (V8 says "position N", or "Unexpected end"). */
export function parseJsonDocument(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : text.length;
    const { line, column } = lineAndColumn(text, offset);
    const truncated = offset >= text.trimEnd().length - 1;
    const cause = truncated ? 'JSON ends early (truncated file?)' : `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
    throw new InputError(cause, { file, line, column }, { cause: error });
  }
}
