// The base every pooldoc command extends: --json, one-line errors with documented exit codes, progress on TTY.
import { Command, Errors } from '@oclif/core';
import { PooldocError } from '../src/errors.js';
import { ExitCode } from '../src/findings.js';
import type { ProgressSink } from '../src/progress.js';
import { silentProgress } from '../src/progress.js';
import { stderrProgress } from '../src/report/progress.js';

export abstract class PooldocCommand<T> extends Command {
  static override enableJsonFlag = true;

  /** Progress sink: drawn on stderr only when stderr is a TTY and --json is off. */
  protected progress(): ProgressSink {
    if (this.jsonEnabled() || !process.stderr.isTTY) return silentProgress;
    return stderrProgress(process.stderr);
  }

  /** Sets the exit code without throwing, so --json output is still printed by oclif. */
  protected setExitCode(code: number): void {
    if (code > (process.exitCode === undefined ? 0 : Number(process.exitCode))) process.exitCode = code;
  }

  abstract override run(): Promise<T>;

  /**
   * Every failure becomes one line and an exit code: PooldocError carries its own; oclif's parse errors are
   * usage errors (2); anything else is an internal error (2) whose stack shows only with POOLDOC_DEBUG=1.
   */
  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error;
    let exitCode: number = ExitCode.badInput;
    let message = error.message;
    if (error instanceof PooldocError) exitCode = error.exitCode;
    else if (!isOclifUsageError(error)) message = `internal error: ${message}`;
    if (process.env.POOLDOC_DEBUG && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = exitCode;
    if (this.jsonEnabled()) {
      this.logJson({ error: { message, exitCode } });
      throw new Errors.ExitError(exitCode);
    }
    // Written by hand, not via CLIError: oclif wraps a CLIError's text to the terminal width (80 columns when
    // piped), which splits a long file path over two lines and breaks the one-line error contract. Multi-line
    // parser messages ("Missing 1 required arg:\nfile …") are joined rather than cut.
    process.stderr.write(`Error: ${oneLine(message)}\n`);
    throw new Errors.ExitError(exitCode);
  }
}

/** Multi-line messages (oclif's usage errors list the missing args on later lines) folded into one line. */
function oneLine(message: string): string {
  return message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
}

function isOclifUsageError(error: Error): boolean {
  // oclif's parser errors (unknown flag, missing arg, bad option value) all derive from CLIParseError.
  return error.name.endsWith('Error') && 'parse' in error;
}
