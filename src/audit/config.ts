// .pooldocrc.json / .pooldocrc.yaml / package.json "pooldoc": rule severities and options, fleet facts, ignores.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { FleetFacts } from './fleet.js';
import { FleetFactsSchema } from './fleet.js';
import { RULES } from './rules/index.js';
import type { RuleSetting } from './rule-kit/run.js';

const SeveritySchema = z.enum(['error', 'warning', 'info', 'off']);
const RuleEntrySchema = z.union([SeveritySchema, z.tuple([SeveritySchema]), z.tuple([SeveritySchema, z.unknown()])]);

export const AuditConfigSchema = z.strictObject({
  rules: z.record(z.string(), RuleEntrySchema).default({}),
  fleet: FleetFactsSchema.omit({ declared: true }).partial().optional(),
  ignores: z.array(z.string()).default([]),
  /** Read by `trend` and `analyze` (src/settings.ts), not by audit: accepted here so one file serves all. */
  leakHorizon: z.union([z.string(), z.number().positive()]).optional(),
});
export type AuditConfigInput = z.input<typeof AuditConfigSchema>;

export interface AuditConfig {
  file?: string;
  rules: Map<string, RuleSetting>;
  fleet: FleetFacts;
  ignores: string[];
}

const CANDIDATES = ['.pooldocrc.json', '.pooldocrc.yaml', '.pooldocrc.yml'];

/** Finds and validates the config: an explicit --config path, else the first candidate in cwd, else package.json. */
export function loadAuditConfig(cwd: string, explicit?: string): AuditConfig {
  if (explicit) return parseConfig(readConfig(join(cwd, explicit)) ?? fail(explicit, 'no such file'), explicit);
  for (const name of CANDIDATES) {
    const file = join(cwd, name);
    const raw = readConfig(file);
    if (raw !== undefined) return parseConfig(raw, name);
  }
  const pkg = readConfig(join(cwd, 'package.json')) as Record<string, unknown> | undefined;
  if (pkg && typeof pkg === 'object' && 'pooldoc' in pkg) return parseConfig(pkg.pooldoc, 'package.json#pooldoc');
  return parseConfig({}, undefined);
}

function readConfig(file: string): unknown {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  try {
    return /\.ya?ml$/.test(file) ? parseYaml(text) ?? {} : JSON.parse(text);
  } catch (error) {
    return fail(basename(file), (error as Error).message.split('\n')[0]);
  }
}

function fail(file: string, message: string): never {
  throw new InputError(`invalid pooldoc config: ${message}`, { file });
}

/** Validates with zod and per-rule option schemas; the first problem becomes one line naming the config path. */
export function parseConfig(raw: unknown, file: string | undefined): AuditConfig {
  const parsed = AuditConfigSchema.safeParse(raw ?? {});
  const where = file ?? '(defaults)';
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(where, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const rules = new Map<string, RuleSetting>();
  for (const [id, entry] of Object.entries(parsed.data.rules)) {
    const rule = RULES.get(id);
    if (!rule) fail(where, `rules.${id}: unknown rule (known: ${[...RULES.keys()].join(', ')})`);
    const [severity, options] = typeof entry === 'string' ? [entry, undefined] : [entry[0], entry[1]];
    const merged = options === undefined ? rule.meta.defaultOptions : { ...(rule.meta.defaultOptions as object), ...(options as object) };
    const checked = rule.meta.optionsSchema.safeParse(merged);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      fail(where, `rules.${id} options${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
    }
    rules.set(id, { severity, options: checked.data });
  }
  const fleetInput = parsed.data.fleet ?? {};
  const declared = fleetInput.replicas !== undefined || fleetInput.processes !== undefined;
  return { file, rules, fleet: FleetFactsSchema.parse({ ...fleetInput, declared }), ignores: parsed.data.ignores };
}
