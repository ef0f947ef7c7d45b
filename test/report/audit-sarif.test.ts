// SARIF output validated against the official SARIF 2.1.0 JSON schema (shipped in @microsoft/jest-sarif).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/audit/rules/index.js';
import { renderSarif } from '../../src/report/audit-sarif.js';
import { runCli } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// The official 2.1.0 schema is draft-04; ajv 6 ships that meta-schema but does not load it by default.
const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
const validate = ajv.compile(schema);

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; helpUri: string; shortDescription: { text: string } }> } };
    results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }>;
  }>;
}

describe('SARIF output', () => {
  it('is valid SARIF 2.1.0 for a real audit, with rule metadata and help URIs', async () => {
    const cwd = fileURLToPath(new URL('../../fixtures/projects/service-pg-redis', import.meta.url));
    const result = await runCli(['audit', '--format', 'sarif'], { cwd });
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    expect(run.results).toHaveLength(19);
    for (const rule of RULES.values()) {
      const described = run.tool.driver.rules.find((entry) => entry.id === rule.meta.id);
      expect(described?.helpUri).toBe(rule.meta.docsUrl);
      expect(described?.shortDescription.text).toBe(rule.meta.description);
    }
    for (const entry of run.results) expect(run.tool.driver.rules[entry.ruleIndex].id).toBe(entry.ruleId);
    expect(run.results[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'src/cache.ts' }, region: { startLine: 6, startColumn: 3 } });
    expect(run.results.map((entry) => entry.level)).toContain('warning');
  });

  it('stays valid for parse errors, info findings and odd file names', () => {
    const log = renderSarif([
      { ruleId: 'parse-error', severity: 'error', message: 'cannot parse: x', file: 'dir with space/é.ts', line: 1, column: 1, messageId: 'parseError', data: {} },
      { ruleId: 'max-explicit', severity: 'info', message: 'm', file: 'a.ts', line: 2, column: 3, library: 'pg', messageId: 'implicit', data: {} },
    ], RULES.values(), '0.0.0');
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('the validator rejects a broken log (the check can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
  });
});
