// ESLint-style table tests for audit rules: valid/invalid cases built into real normalised configs, asserting
// message ids and data (never rendered text).
import { describe, expect, it } from 'vitest';
import { FleetFactsSchema } from '../../../src/audit/fleet.js';
import { runRules } from '../../../src/audit/rule-kit/run.js';
import type { AnyRule, Rule } from '../../../src/audit/rules/types.js';
import { getLibrary } from '../../../src/pools/index.js';
import type { PoolConfig, SiteContext } from '../../../src/pools/model.js';
import { normalise } from '../../../src/pools/normalise.js';
import { rawSiteFromObject } from '../../../src/pools/raw.js';

/** One pool as a test writes it: library id, the options object as a user would write it. */
export interface PoolCase {
  library: string;
  options?: Record<string, unknown>;
  /** Installed major; the library's reference major when omitted. */
  major?: number;
  context?: Partial<SiteContext>;
  /** Dotted paths whose content is not statically known ('' = the whole options object). */
  opaque?: string[];
  /** Option paths whose value is not statically known (e.g. process.env.X without fallback). */
  unknown?: string[];
}

export interface ValidCase {
  name: string;
  pools: PoolCase[];
  fleet?: Record<string, unknown>;
  ruleOptions?: unknown;
}

export interface InvalidCase extends ValidCase {
  errors: Array<{ messageId: string; data?: Record<string, unknown>; line?: number }>;
}

const FILE = 'case.ts';

/** Builds normalised configs for a case: pool i sits on line i + 1 so findings can be told apart. */
export function buildConfigs(pools: PoolCase[]): PoolConfig[] {
  return pools.map((pool, index) => {
    const library = getLibrary(pool.library);
    const position = { file: FILE, line: index + 1, column: 1 };
    const site = rawSiteFromObject(pool.library, pool.options ?? {}, position, { context: pool.context, opaquePaths: pool.opaque });
    for (const path of pool.unknown ?? []) site.options.set(path, { resolved: false, position, via: 'env', env: 'process.env.UNSET' });
    return normalise(site, library, { major: pool.major ?? library.referenceMajor, source: 'reference' });
  });
}

function run(rule: AnyRule, testCase: ValidCase) {
  const fleet = FleetFactsSchema.parse(testCase.fleet ?? {});
  const options = testCase.ruleOptions === undefined ? rule.meta.defaultOptions : rule.meta.optionsSchema.parse(testCase.ruleOptions);
  return runRules([rule], buildConfigs(testCase.pools), fleet, new Map([[rule.meta.id, { severity: 'error', options }]]));
}

export function ruleTable<Options>(rule: Rule<Options>, table: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const anyRule = rule as unknown as AnyRule;
  describe(rule.meta.id, () => {
    it('has both valid and invalid cases', () => {
      expect(table.valid.length).toBeGreaterThan(0);
      expect(table.invalid.length).toBeGreaterThan(0);
    });
    for (const testCase of table.valid) {
      it(`valid: ${testCase.name}`, () => {
        expect(run(anyRule, testCase).map((finding) => `${finding.messageId}: ${finding.message}`)).toEqual([]);
      });
    }
    for (const testCase of table.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const findings = run(anyRule, testCase);
        expect(findings.map((finding) => finding.messageId)).toEqual(testCase.errors.map((error) => error.messageId));
        testCase.errors.forEach((error, index) => {
          if (error.data) expect(findings[index].data).toMatchObject(error.data);
          if (error.line !== undefined) expect(findings[index].line).toBe(error.line);
          // Every template placeholder must be filled: a visible {{x}} in a CI log is a bug.
          expect(findings[index].message).not.toMatch(/\{\{/);
        });
      });
    }
  });
}
