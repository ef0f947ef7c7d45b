// ESLint-style "stylish" text for audit findings: grouped by file, line:col, severity, message, rule id.
import chalk from 'chalk';
import type { AuditResult } from '../audit/audit.js';

const SEVERITY_COLOUR = { error: chalk.red, warning: chalk.yellow, info: chalk.blue } as const;

export function renderStylish(result: Pick<AuditResult, 'findings' | 'summary'>): string {
  const lines: string[] = [];
  const byFile = new Map<string, AuditResult['findings']>();
  for (const finding of result.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, findings] of byFile) {
    lines.push('', chalk.underline(file));
    const positionWidth = Math.max(...findings.map((finding) => `${finding.line}:${finding.column}`.length));
    const severityWidth = Math.max(...findings.map((finding) => finding.severity.length));
    for (const finding of findings) {
      const position = `${finding.line}:${finding.column}`.padEnd(positionWidth);
      const severity = SEVERITY_COLOUR[finding.severity](finding.severity.padEnd(severityWidth));
      lines.push(`  ${chalk.dim(position)}  ${severity}  ${finding.message}  ${chalk.dim(finding.ruleId)}`);
    }
  }
  const { errors, warnings, infos, files, configs, suppressed } = result.summary;
  const problems = errors + warnings + infos;
  const scanned = `${files} file${files === 1 ? '' : 's'}, ${configs} pool/client config${configs === 1 ? '' : 's'}`;
  const hidden = suppressed > 0 ? `, ${suppressed} suppressed` : '';
  lines.push('');
  if (problems === 0) lines.push(chalk.green(`✔ no problems (${scanned}${hidden})`));
  else {
    const colour = errors > 0 ? chalk.red.bold : chalk.yellow.bold;
    lines.push(colour(`✖ ${problems} problem${problems === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info) in ${scanned}${hidden}`));
  }
  return lines.join('\n').replace(/^\n/, '');
}
