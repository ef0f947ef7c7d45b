// The audit pipeline: files → extract (per format) → normalise per library and version → rules → findings.
import { readFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { getLibrary } from '../pools/index.js';
import type { PoolConfig, RawSite } from '../pools/model.js';
import { normalise } from '../pools/normalise.js';
import type { AuditConfig } from './config.js';
import { extractConfigFile } from './extract/config-file.js';
import { mergeEnv, parseEnvFile } from './extract/env.js';
import type { AuditFile } from './extract/files.js';
import { collectFiles } from './extract/files.js';
import { extractSource } from './extract/source.js';
import { isSuppressed, scanSuppressions } from './extract/suppress.js';
import type { Suppressions } from './extract/suppress.js';
import type { EnvValues, FileExtraction } from './extract/types.js';
import { urlSite } from './extract/url-sites.js';
import { VersionResolver } from './extract/versions.js';
import { RULES } from './rules/index.js';
import { runRules } from './rule-kit/run.js';
import type { AuditFinding } from './types.js';
import { PARSE_ERROR_RULE_ID } from './types.js';

export interface AuditRequest {
  paths: string[];
  cwd: string;
  config: AuditConfig;
  /** Extra --ignore patterns on top of the config's. */
  ignore?: string[];
}

export interface AuditResult {
  findings: AuditFinding[];
  summary: { files: number; configs: number; errors: number; warnings: number; infos: number; suppressed: number; libraries: Record<string, number> };
  /** The normalised configs, for --json consumers and debugging (redaction happens in the command). */
  configs: PoolConfig[];
}

export function runAudit(request: AuditRequest): AuditResult {
  const files = collectFiles(request.paths, request.cwd, [...request.config.ignores, ...(request.ignore ?? [])]);
  const texts = new Map<string, string>();
  const problems: AuditFinding[] = [];
  for (const file of files) {
    try {
      texts.set(file.path, readFileSync(file.path, 'utf8'));
    } catch (error) {
      problems.push(parseFinding(file.path, 1, 1, `cannot read: ${(error as Error).message}`));
    }
  }
  const envByDir = envFilesByDirectory(files, texts);
  const prismaProject = files.some((file) => file.path.endsWith('schema.prisma')) || [...texts.values()].some((text) => text.includes('@prisma/client'));
  const extractions: FileExtraction[] = [];
  const suppressions = new Map<string, Suppressions>();
  for (const file of files) {
    const text = texts.get(file.path);
    if (text === undefined) continue;
    suppressions.set(file.path, scanSuppressions(text));
    if (file.kind === 'source') extractions.push(extractSource(file.path, text, visibleEnv(file.path, envByDir)));
    else if (file.kind === 'config') extractions.push(extractConfigFile(file.path, text, prismaProject));
  }
  const consumed = new Set(extractions.flatMap((extraction) => extraction.envConsumed));
  const sites: RawSite[] = [...extractions.flatMap((extraction) => extraction.sites), ...envUrlSites(envByDir, consumed, prismaProject)];
  const versions = new VersionResolver();
  const configs = sites.map((site) => {
    const library = getLibrary(site.library);
    return normalise(site, library, versions.resolve(site.position.file, library));
  });
  for (const extraction of extractions) for (const problem of extraction.problems) problems.push(parseFinding(problem.position.file, problem.position.line, problem.position.column, problem.message));
  const ruleFindings = runRules(RULES.values(), configs, request.config.fleet, request.config.rules);
  let suppressed = 0;
  const kept = [...problems, ...ruleFindings].filter((finding) => {
    const hidden = finding.ruleId !== PARSE_ERROR_RULE_ID && isSuppressed(suppressions.get(finding.file), finding.line, finding.ruleId);
    if (hidden) suppressed++;
    return !hidden;
  });
  const findings = kept.map((finding) => ({ ...finding, file: displayPath(request.cwd, finding.file) })).sort(byPosition);
  return { findings, configs: configs.map((config) => ({ ...config, position: { ...config.position, file: displayPath(request.cwd, config.position.file) } })), summary: summarise(findings, files.length, configs, suppressed) };
}

function parseFinding(file: string, line: number, column: number, message: string): AuditFinding {
  return { ruleId: PARSE_ERROR_RULE_ID, severity: 'error', message: `cannot parse: ${message}`, file, line, column, messageId: 'parseError', data: { message } };
}

function envFilesByDirectory(files: AuditFile[], texts: Map<string, string>): Map<string, EnvValues[]> {
  const byDir = new Map<string, EnvValues[]>();
  for (const file of files) {
    const text = texts.get(file.path);
    if (file.kind !== 'env' || text === undefined) continue;
    const layers = byDir.get(dirname(file.path)) ?? [];
    // `.env` first, then `.env.local`, `.env.production`…: the more specific file wins, as dotenv-flow does.
    if (file.path.endsWith(`${sep}.env`)) layers.unshift(parseEnvFile(file.path, text));
    else layers.push(parseEnvFile(file.path, text));
    byDir.set(dirname(file.path), layers);
  }
  return byDir;
}

/** The .env values a source file sees: its directory's and its ancestors', nearest winning. */
function visibleEnv(file: string, envByDir: Map<string, EnvValues[]>): EnvValues {
  if (envByDir.size === 0) return new Map();
  const chain: EnvValues[][] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const layers = envByDir.get(dir);
    if (layers) chain.unshift(layers);
    if (dirname(dir) === dir) break;
  }
  return mergeEnv(chain.flat());
}

/** URLs in .env files no construction site reads (e.g. Prisma's DATABASE_URL with no client in the paths). */
function envUrlSites(envByDir: Map<string, EnvValues[]>, consumed: Set<string>, prismaProject: boolean): RawSite[] {
  const sites: RawSite[] = [];
  for (const layers of envByDir.values()) {
    for (const layer of layers) {
      for (const [name, { value, position }] of layer) {
        if (consumed.has(name)) continue;
        const site = urlSite(value, position, name, prismaProject);
        if (site) sites.push(site);
      }
    }
  }
  return sites;
}

function displayPath(cwd: string, file: string): string {
  const relativePath = relative(cwd, file);
  return (relativePath.startsWith('..') ? file : relativePath).split(sep).join('/');
}

function byPosition(a: AuditFinding, b: AuditFinding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1);
}

function summarise(findings: AuditFinding[], files: number, configs: PoolConfig[], suppressed: number): AuditResult['summary'] {
  const libraries: Record<string, number> = {};
  for (const config of configs) libraries[config.library] = (libraries[config.library] ?? 0) + 1;
  const count = (severity: string) => findings.filter((finding) => finding.severity === severity).length;
  return { files, configs: configs.length, errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed, libraries };
}

