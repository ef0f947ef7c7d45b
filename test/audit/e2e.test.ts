// End-to-end: the built CLI on fixture projects, asserting the exact findings, exit codes and redaction.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditFinding } from '../../src/audit/types.js';
import { parseJson, runCli } from '../helpers/cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/projects/${name}`, import.meta.url));

type JsonFinding = AuditFinding;
interface JsonResult {
  findings: JsonFinding[];
  summary: { files: number; configs: number; errors: number; warnings: number; suppressed: number };
}

const brief = (finding: JsonFinding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}/${finding.messageId}`;

async function audit(name: string, args: string[] = []) {
  const result = await runCli(['audit', '--json', ...args], { cwd: fixture(name) });
  return { code: result.code, json: parseJson<JsonResult>(result), stdout: result.stdout };
}

const FIXTURES = ['service-pg-redis', 'monorepo-knex-mysql', 'prisma-app', 'yaml-configs', 'malformed'] as const;
type Audited = Awaited<ReturnType<typeof audit>>;

describe('pooldoc audit on fixture projects', () => {
  const results = new Map<string, Audited>();
  let service: Audited;
  beforeAll(async () => {
    // One CLI run per fixture, shared by the tests below (each run is a real child process).
    const audited = await Promise.all(FIXTURES.map((name) => audit(name)));
    FIXTURES.forEach((name, index) => results.set(name, audited[index]));
    service = audited[0];
  });

  it('service with pg + Redis + https.Agent: exact findings, config severities, suppression', () => {
    expect(service.json.findings.map(brief)).toEqual([
      'src/cache.ts:6:3 error dead-keys/renamed',
      'src/db.ts:6:21 error fleet-db-budget/overBudget',
      'src/db.ts:6:21 warning max-lifetime/missing',
      'src/db.ts:6:21 warning pg-idle-in-transaction/missing',
      'src/db.ts:6:21 warning statement-timeout/missing',
      'src/db.ts:8:3 error dead-keys/urlPoolParam',
      'src/db.ts:14:26 error acquire-timeout/waitsForever',
      'src/db.ts:14:26 warning max-lifetime/missing',
      'src/db.ts:14:26 error pg-error-listener/missing',
      'src/db.ts:14:26 warning pg-idle-in-transaction/missing',
      'src/db.ts:14:26 warning statement-timeout/missing',
      'src/db.ts:14:48 error dead-keys/typo',
      'src/http.ts:5:30 warning http-agent-bounded/unboundedSockets',
      'src/http.ts:5:30 warning http-agent-bounded/noTimeout',
      'src/http.ts:8:22 warning max-lifetime/missing',
      'src/http.ts:8:22 error pg-error-listener/missing',
      'src/http.ts:8:22 warning pg-idle-in-transaction/missing',
      'src/http.ts:8:22 warning pool-per-request/inHandler',
      'src/http.ts:8:22 warning statement-timeout/missing',
    ]);
    expect(service.code).toBe(1);
    expect(service.json.summary).toMatchObject({ files: 4, configs: 6, errors: 7, warnings: 12, suppressed: 1 });
    // PG_MAX=8 from .env beats the `?? 10` fallback: 8 + 4 + 1 per process × 6 replicas × 2 processes.
    expect(service.json.findings[1].message).toContain('156 connections (13 per process × 6 replicas × 2 processes');
    expect(service.json.findings[0].library).toBe('ioredis');
  });

  it('flags override the config file fleet facts', async () => {
    const { json } = await audit('service-pg-redis', ['--replicas', '1', '--processes', '1']);
    expect(json.findings.map((finding) => finding.ruleId)).not.toContain('fleet-db-budget');
    const bigger = await audit('service-pg-redis', ['--max-connections', '500']);
    expect(bigger.json.findings.map((finding) => finding.ruleId)).not.toContain('fleet-db-budget');
  });

  it('monorepo with knex and mysql2: lockfile versions, .gitignore honoured', async () => {
    const { json, code } = results.get('monorepo-knex-mysql')!;
    expect(json.findings.map(brief)).toEqual([
      'packages/api/src/db.ts:6:19 warning max-lifetime/missing',
      'packages/api/src/db.ts:9:11 warning knex-min-zero/setMin',
      'packages/api/src/db.ts:9:34 error dead-keys/throws',
      'packages/worker/src/mysql.ts:4:24 error fleet-db-budget/unbounded',
      'packages/worker/src/mysql.ts:4:24 warning idle-below-server/neverClosed',
      'packages/worker/src/mysql.ts:4:24 warning mysql-unboundable-wait/unboundedWait',
      'packages/worker/src/mysql.ts:5:3 error no-unlimited-sentinel/unlimited',
      'packages/worker/src/mysql.ts:6:3 warning mysql-unboundable-wait/acquireTimeoutIgnored',
    ]);
    expect(code).toBe(1);
    expect(json.findings.some((finding) => finding.file.includes('generated'))).toBe(false);
  });

  it('Prisma app with URL parameters in .env', async () => {
    const { json } = results.get('prisma-app')!;
    expect(json.findings.map(brief)).toEqual([
      '.env:1:14 error acquire-timeout/disabled',
      '.env:2:15 warning max-lifetime/missing',
      'src/client.ts:4:23 error fleet-db-budget/unbounded',
      'src/client.ts:4:23 warning max-lifetime/missing',
      'src/client.ts:4:23 warning prisma-cpu-implicit/cpuDependent',
    ]);
  });

  it('YAML and JSON configs', async () => {
    const { json } = results.get('yaml-configs')!;
    expect(json.findings.map(brief)).toEqual([
      'config/database.json:2:18 warning max-lifetime/missing',
      'config/database.json:6:26 error acquire-timeout/tooLong',
      'config/production.yaml:3:3 error acquire-timeout/waitsForever',
      'config/production.yaml:3:3 warning max-lifetime/missing',
      'config/production.yaml:3:3 warning pg-idle-in-transaction/missing',
      'config/production.yaml:3:3 warning statement-timeout/missing',
      'config/production.yaml:5:3 error zero-means-default/never',
      'config/production.yaml:7:8 error acquire-timeout/waitsForever',
      'config/production.yaml:7:8 error no-unlimited-sentinel/unlimited',
      'config/production.yaml:7:8 warning statement-timeout/missing',
      'config/production.yaml:9:3 warning redis-offline-queue/ioredisUnbounded',
    ]);
    expect(json.findings.map((finding) => finding.library)).toEqual(['knex', 'sequelize', 'pg', 'pg', 'pg', 'pg', 'pg', 'mongodb', 'mongodb', 'mongodb', 'ioredis']);
  });

  it('malformed inputs become parse-error findings with positions, and the rest is still audited', async () => {
    const { json, code } = results.get('malformed')!;
    expect(json.findings.map(brief)).toEqual([
      'broken.json:2:1 error parse-error/parseError',
      'broken.ts:3:11 error parse-error/parseError',
      'broken.yaml:2:8 error parse-error/parseError',
      'ok.ts:2:21 warning max-lifetime/missing',
      'ok.ts:2:21 warning pg-idle-in-transaction/missing',
      'ok.ts:2:21 warning statement-timeout/missing',
    ]);
    expect(json.summary).toMatchObject({ files: 4, configs: 1 });
    expect(code).toBe(1);
  });

  it('never prints passwords from URLs', async () => {
    const sarif = await runCli(['audit', '--format', 'sarif'], { cwd: fixture('monorepo-knex-mysql') });
    const text = [sarif.stdout, ...[...results.values()].map((result) => result.stdout)].join('\n');
    for (const secret of ['s3cret', 'hunter2', 'pa55word', 'secret@']) expect(text).not.toContain(secret);
  });
});
