// Runs the registered rules over normalised configs and turns their reports into positioned findings.
import type { Severity } from '../../findings.js';
import type { PoolConfig } from '../../pools/model.js';
import { redact, redactString } from '../../redact.js';
import type { FleetFacts } from '../fleet.js';
import type { AuditFinding } from '../types.js';
import type { AnyRule, RuleReport, RuleSeverity } from '../rules/types.js';
import { renderMessage } from '../rules/types.js';

/** Effective per-rule settings after config and flags: severity and parsed options. */
export interface RuleSetting {
  severity: RuleSeverity;
  options: unknown;
}

export function runRules(rules: Iterable<AnyRule>, configs: readonly PoolConfig[], fleet: FleetFacts, settings: ReadonlyMap<string, RuleSetting> = new Map()): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const rule of rules) {
    const setting = settings.get(rule.meta.id) ?? { severity: rule.meta.defaultSeverity, options: rule.meta.defaultOptions };
    if (setting.severity === 'off') continue;
    const severity: Severity = setting.severity;
    rule.check({
      configs,
      fleet,
      options: setting.options,
      report: (report) => findings.push(toFinding(rule, severity, report)),
    });
  }
  return findings;
}

function toFinding(rule: AnyRule, severity: Severity, report: RuleReport): AuditFinding {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown messageId ${report.messageId}`);
  const position = report.position ?? report.config.position;
  return {
    ruleId: rule.meta.id,
    severity,
    // Messages quote option values and URLs; a password in a URL must never reach a CI log.
    message: redactString(renderMessage(template, report.data)),
    file: position.file,
    line: position.line,
    column: position.column,
    library: report.config.library,
    messageId: report.messageId,
    data: redact(report.data),
  };
}
