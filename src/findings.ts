// The shared vocabulary of every analysis: verdicts, severities, findings and the exit-code contract.

/**
 * Memory verdicts: `leak` (error: reaches the limit within the horizon), `growing` (warning: certain but slower
 * growth, or a level that stepped up and held), `ok`, and `insufficient-data`, an honest outcome never hidden as "ok".
 */
export type Verdict = 'leak' | 'growing' | 'ok' | 'insufficient-data';

/** Pool verdicts add the pressure states a pool can be in. */
export type PoolVerdict = 'ok' | 'saturated' | 'leaking-clients' | 'insufficient-data';

export type Severity = 'error' | 'warning' | 'info';

/** A position inside an input file, 1-based line/column as editors show them. */
export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
  /** Byte offset for binary-ish inputs such as heap snapshots. */
  offset?: number;
}

/** One thing a command wants the user to know about, with the rule or detector that found it. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  position?: SourcePosition;
  library?: string;
  /** Structured data behind the message, for --json consumers. */
  data?: Record<string, unknown>;
}

/** Documented exit codes (README "Exit codes"). */
export const ExitCode = {
  clean: 0,
  findings: 1,
  badInput: 2,
  targetGone: 3,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
