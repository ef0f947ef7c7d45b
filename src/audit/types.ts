// What an audit returns: findings with file positions and the library they concern, plus what was scanned.
import type { Severity } from '../findings.js';
import type { MessageData } from './rules/types.js';

/** One audit finding; the --json contract is {ruleId, severity, message, file, line, column, library}. */
export interface AuditFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  library?: string;
  messageId: string;
  data: MessageData;
}

/** Not a rule module: a file that cannot be parsed is always an error finding with this id. */
export const PARSE_ERROR_RULE_ID = 'parse-error';
