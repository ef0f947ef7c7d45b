// SARIF 2.1.0 for audit findings (GitHub code scanning and friends), rule metadata from the rules' own meta.
import type { AuditFinding } from '../audit/types.js';
import { PARSE_ERROR_RULE_ID } from '../audit/types.js';
import type { AnyRule } from '../audit/rules/types.js';
import { RULE_DOCS_BASE_URL } from '../audit/rules/types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' | 'none' };
  properties: { tags: string[]; code: string };
}

/** The parse-error pseudo-rule, so every result's ruleIndex points at a described rule. */
const PARSE_ERROR_RULE: SarifRule = {
  id: PARSE_ERROR_RULE_ID,
  name: 'ParseError',
  shortDescription: { text: 'A file could not be parsed as its format.' },
  fullDescription: { text: 'A file that cannot be parsed cannot be audited; fix the syntax error to audit its configuration.' },
  helpUri: `${RULE_DOCS_BASE_URL}README.md`,
  help: { text: 'Fix the syntax error at the reported position.' },
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['pooldoc'], code: 'PARSE' },
};

export function renderSarif(findings: readonly AuditFinding[], rules: Iterable<AnyRule>, toolVersion: string): object {
  const sarifRules: SarifRule[] = [...rules].map((rule) => ({
    id: rule.meta.id,
    name: rule.meta.id.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.meta.description },
    fullDescription: { text: `${rule.meta.description} Libraries: ${rule.meta.libraries.join(', ')}.` },
    helpUri: rule.meta.docsUrl,
    help: { text: `${rule.meta.description} See ${rule.meta.docsUrl}` },
    defaultConfiguration: { level: rule.meta.defaultSeverity === 'off' ? 'none' : SARIF_LEVEL[rule.meta.defaultSeverity] },
    properties: { tags: ['pooldoc', ...rule.meta.libraries], code: rule.meta.code },
  }));
  sarifRules.push(PARSE_ERROR_RULE);
  const indexOf = new Map(sarifRules.map((rule, index) => [rule.id, index]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'pooldoc', informationUri: `${RULE_DOCS_BASE_URL}README.md`, version: toolVersion, semanticVersion: toolVersion, rules: sarifRules } },
        originalUriBaseIds: { SRCROOT: { uri: './' } },
        results: findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: indexOf.get(finding.ruleId) ?? -1,
          level: SARIF_LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(finding.file), uriBaseId: 'SRCROOT' },
                region: { startLine: finding.line, startColumn: finding.column },
              },
            },
          ],
          properties: finding.library ? { library: finding.library } : {},
        })),
      },
    ],
  };
}
