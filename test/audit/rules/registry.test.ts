// Every registered rule ships code, docs and table tests; ids are unique and sorted; messages are well-formed.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRuleRegistry, RULES } from '../../../src/audit/rules/index.js';
import type { AnyRule } from '../../../src/audit/rules/types.js';
import { LIBRARIES } from '../../../src/pools/index.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

describe('rule registry', () => {
  for (const [id, rule] of RULES) {
    it(`${id} has code, docs and tests`, () => {
      expect(existsSync(root(`src/audit/rules/${id}.ts`))).toBe(true);
      expect(existsSync(root(`test/audit/rules/${id}.test.ts`))).toBe(true);
      const docs = root(`docs/rules/${id}.md`);
      expect(existsSync(docs)).toBe(true);
      const text = readFileSync(docs, 'utf8');
      for (const heading of ['## What', '## Why', '## Incorrect', '## Correct', '## Options']) expect(text).toContain(heading);
      expect(rule.meta.docsUrl.endsWith(`/docs/rules/${id}.md`)).toBe(true);
    });
    it(`${id} meta is consistent`, () => {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      expect(rule.meta.optionsSchema.safeParse(rule.meta.defaultOptions).success).toBe(true);
      for (const library of rule.meta.libraries) expect(LIBRARIES.has(library), `${id}: unknown library ${library}`).toBe(true);
    });
  }

  it('covers at least 15 libraries', () => {
    const covered = new Set([...RULES.values()].flatMap((rule) => rule.meta.libraries));
    expect(covered.size).toBeGreaterThanOrEqual(15);
  });

  it('refuses duplicate and unsorted ids at load', () => {
    const [first, second] = [...RULES.values()] as AnyRule[];
    expect(() => buildRuleRegistry([first, first])).toThrow(/duplicate rule id/);
    expect(() => buildRuleRegistry([second, first])).toThrow(/not sorted/);
  });
});
