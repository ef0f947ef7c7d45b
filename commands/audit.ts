// `pooldoc audit [paths…]`: lint pool, cache and socket configurations for CI (stylish, JSON, SARIF).
import { createRequire } from 'node:module';
import { Flags } from '@oclif/core';
import type { AuditResult } from '../src/audit/audit.js';
import { ExitCode } from '../src/findings.js';
import { PooldocCommand } from './base.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export type AuditCommandResult = Pick<AuditResult, 'findings' | 'summary'>;

export default class Audit extends PooldocCommand<AuditCommandResult> {
  static override summary = 'Lint pool, client, cache and socket configurations (JSON, YAML, .env, URLs, JS/TS sources)';
  static override description = 'Exit codes: 0 clean, 1 errors (or warnings over --max-warnings), 2 bad usage or config. Rules: docs/rules/.';
  static override strict = false;
  static override examples = [
    '<%= config.bin %> audit',
    '<%= config.bin %> audit src config --replicas 20 --max-connections 500',
    '<%= config.bin %> audit --format sarif > pooldoc.sarif',
    '<%= config.bin %> audit --json --max-warnings 0',
  ];
  static override flags = {
    format: Flags.string({ char: 'f', options: ['stylish', 'json', 'sarif'], default: 'stylish', description: 'output format (--json is the same as --format json)' }),
    'max-warnings': Flags.integer({ default: -1, description: 'exit 1 when there are more warnings than this (-1: never)' }),
    config: Flags.string({ char: 'c', description: 'config file (default: .pooldocrc.json, .pooldocrc.yaml or package.json "pooldoc" in cwd)' }),
    ignore: Flags.string({ multiple: true, description: 'gitignore-style pattern to skip (repeatable)' }),
    replicas: Flags.integer({ min: 1, description: 'replicas of the service (fleet budget)' }),
    processes: Flags.integer({ min: 1, description: 'processes per replica: cluster workers, pm2 instances' }),
    surge: Flags.string({ description: 'rolling-deploy surge factor, e.g. 1.25' }),
    headroom: Flags.integer({ min: 0, description: 'connections kept free for migrations, consoles and monitoring' }),
    'max-connections': Flags.integer({ min: 1, description: 'the SQL servers\' max_connections (postgres, mysql, mssql)' }),
    'reserved-connections': Flags.integer({ min: 0, description: 'connections reserved for superusers / admins on those servers' }),
  };

  async run(): Promise<AuditCommandResult> {
    const { flags, argv } = await this.parse(Audit);
    // Imported here, not at the top: the registry loads every command class, and the audit's parser, zod schemas
    // and rules cost ~250 ms that `analyze` would otherwise pay before its first reading.
    const [{ runAudit }, { loadAuditConfig }, { applyFleetFlags }, { RULES }, { renderSarif }, { renderStylish }] = await Promise.all([
      import('../src/audit/audit.js'),
      import('../src/audit/config.js'),
      import('../src/audit/fleet-flags.js'),
      import('../src/audit/rules/index.js'),
      import('../src/report/audit-sarif.js'),
      import('../src/report/audit-stylish.js'),
    ]);
    const cwd = process.cwd();
    const config = loadAuditConfig(cwd, flags.config);
    config.fleet = applyFleetFlags(config.fleet, flags);
    const paths = (argv as string[]).length > 0 ? (argv as string[]) : ['.'];
    const result = runAudit({ paths, cwd, config, ignore: flags.ignore });
    const output: AuditCommandResult = { findings: result.findings, summary: result.summary };
    const { errors, warnings } = result.summary;
    if (errors > 0 || (flags['max-warnings'] >= 0 && warnings > flags['max-warnings'])) this.setExitCode(ExitCode.findings);
    if (this.jsonEnabled()) return output;
    if (flags.format === 'json') this.log(JSON.stringify(output, null, 2));
    else if (flags.format === 'sarif') this.log(JSON.stringify(renderSarif(result.findings, RULES.values(), version), null, 2));
    else this.log(renderStylish(output));
    return output;
  }
}
