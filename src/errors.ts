// Errors that carry their exit code and a one-line, user-facing message (file and position, or cause).
import type { ExitCodeValue, SourcePosition } from './findings.js';
import { ExitCode } from './findings.js';

/** Base class: anything thrown from src/ that the CLI should report as one line, not a stack trace. */
export class PooldocError extends Error {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue = ExitCode.badInput, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad input: a file that is missing, unreadable, truncated, corrupt or of the wrong format (exit 2). */
export class InputError extends PooldocError {
  readonly position?: SourcePosition;
  /** The message without the position prefix: what a worker thread sends to have the error rebuilt. */
  readonly detail: string;
  constructor(message: string, position?: SourcePosition, options?: { cause?: unknown }) {
    super(position ? `${formatPosition(position)}: ${message}` : message, ExitCode.badInput, options);
    this.position = position;
    this.detail = message;
  }
}

/** The process being analysed exited or became unreachable (exit 3); partial results may exist. */
export class TargetGoneError extends PooldocError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.targetGone, options);
  }
}

export function formatPosition(position: SourcePosition): string {
  let text = position.file;
  if (position.line !== undefined) text += `:${position.line}${position.column !== undefined ? `:${position.column}` : ''}`;
  if (position.offset !== undefined) text += ` (byte ${position.offset})`;
  return text;
}

/** Turns a Node fs error into an InputError naming the file and the cause in words. */
export function fileError(file: string, error: unknown): PooldocError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const cause =
    code === 'ENOENT' ? 'no such file'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory, expected a file'
    : (error as Error | undefined)?.message ?? String(error);
  return new InputError(cause, { file }, { cause: error });
}
