// The rule contract: every rule is data (meta) plus one check function over the normalised pool configs.
//
// To add a rule <id>:
//   1. src/audit/rules/<id>.ts exporting `const rule: Rule<Options>` built with defineRule (below);
//   2. add it to RULES in src/audit/rules/index.ts (sorted by id; a duplicate id fails at load);
//   3. docs/rules/<id>.md (What / Why with evidence links / Incorrect / Correct / Options);
//   4. test/audit/rules/<id>.test.ts using ruleTable() from test/audit/rules/harness.ts.
// test/audit/rules/registry.test.ts fails when any of the three files is missing for a registered rule.
import { z } from 'zod';
import type { Severity } from '../../findings.js';
import type { PoolConfig, Position } from '../../pools/model.js';
import type { FleetFacts } from '../fleet.js';

/** Where the rule docs live; SARIF helpUri and --json consumers read docsUrl built from it. */
export const RULE_DOCS_BASE_URL = 'https://github.com/pooldoc/pooldoc/blob/main/docs/rules/';

export type RuleSeverity = Severity | 'off';

export interface RuleMeta<Options> {
  /** kebab-case, unique; what users write in config and in `pooldoc-disable-next-line`. */
  id: string;
  /** The candidate id from the reference list (POOL001, WAIT001 …), for traceability. */
  code: string;
  defaultSeverity: RuleSeverity;
  /** One sentence, imperative, shown in SARIF and docs. */
  description: string;
  docsUrl: string;
  /** Libraries the rule can fire on, for docs and the ≥ 15-library coverage count. */
  libraries: readonly string[];
  /** Message templates keyed by message id; `{{name}}` is replaced from the report's data. */
  messages: Readonly<Record<string, string>>;
  /** zod schema of the options users may set in .pooldocrc under rules.<id>.options. */
  optionsSchema: z.ZodType<Options>;
  defaultOptions: Options;
}

export type MessageData = Readonly<Record<string, string | number>>;

export interface RuleReport {
  messageId: string;
  data: MessageData;
  /** The config the finding is about (gives file, library and the default position). */
  config: PoolConfig;
  /** A more precise position, e.g. where the offending option is written. */
  position?: Position;
}

export interface RuleContext<Options> {
  /** Every config found in the audited paths (project-wide rules such as the fleet budget need all of them). */
  readonly configs: readonly PoolConfig[];
  readonly options: Options;
  readonly fleet: FleetFacts;
  report(report: RuleReport): void;
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options>;
  check(context: RuleContext<Options>): void;
}

/** A rule with its options type erased, as the registry and runner hold it. */
export type AnyRule = Rule<unknown>;

/** For rules without options: spread into meta (`...NO_OPTIONS`). */
export const NO_OPTIONS = { optionsSchema: z.strictObject({}), defaultOptions: {} };

/** Fills docsUrl from the id so every rule links to its page the same way. */
export function defineRule<Options>(rule: { meta: Omit<RuleMeta<Options>, 'docsUrl'>; check: Rule<Options>['check'] }): Rule<Options> {
  return { meta: { ...rule.meta, docsUrl: `${RULE_DOCS_BASE_URL}${rule.meta.id}.md` }, check: rule.check };
}

/** Configs of the given libraries — the usual first line of a check. */
export function configsOf(context: RuleContext<unknown>, libraries: readonly string[]): PoolConfig[] {
  return context.configs.filter((config) => libraries.includes(config.library));
}

/** Renders a message template: `{{option}}` → data.option; a missing key stays visible, never silently empty. */
export function renderMessage(template: string, data: MessageData): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
