// Inline suppression: `// pooldoc-disable-next-line <rule-id>[, <rule-id>] -- reason` (or `#` in YAML and .env).

const DIRECTIVE = /pooldoc-disable-next-line(?:[ \t]+([^\n]*?))?[ \t]*(?:--[^\n]*)?(?:\*\/)?[ \t]*$/;

/** Line (1-based) → the rule ids suppressed on it; an empty set means every rule. */
export type Suppressions = Map<number, Set<string>>;

export function scanSuppressions(text: string): Suppressions {
  const suppressions: Suppressions = new Map();
  if (!text.includes('pooldoc-disable-next-line')) return suppressions;
  text.split('\n').forEach((line, index) => {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const ids = (match[1] ?? '').split(/[\s,]+/).filter(Boolean);
    suppressions.set(index + 2, new Set(ids));
  });
  return suppressions;
}

export function isSuppressed(suppressions: Suppressions | undefined, line: number, ruleId: string): boolean {
  const ids = suppressions?.get(line);
  return ids !== undefined && (ids.size === 0 || ids.has(ruleId));
}
