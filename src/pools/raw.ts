// Builds a RawSite from a plain object (JSON/YAML configs, rule tests): nested objects flatten into dotted paths.
import type { Position, RawSite, RawValue, Scalar, SiteContext } from './model.js';

/** Flattens `{pool: {max: 5}}` into `pool.max → 5`; arrays and non-scalars count as resolved opaque leaves. */
export function flattenObject(value: unknown, position: Position | undefined, prefix = '', into = new Map<string, RawValue>()): Map<string, RawValue> {
  if (value === undefined) return into; // `key: undefined` is the same as not writing the key
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    into.set(prefix, { value: toScalar(value), resolved: true, position, via: 'literal' });
    return into;
  }
  for (const [key, child] of Object.entries(value)) flattenObject(child, position, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

function toScalar(value: unknown): Scalar {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value) ?? null;
}

const MODULE_LEVEL: SiteContext = { inFunction: false, errorListener: null };

/** A RawSite for a library from a plain options object; used by config extractors and rule tests. */
export function rawSiteFromObject(
  library: string,
  options: Record<string, unknown>,
  position: Position,
  extra: { construct?: string; context?: Partial<SiteContext>; url?: RawSite['url']; opaquePaths?: string[] } = {},
): RawSite {
  return {
    library,
    construct: extra.construct ?? library,
    position,
    options: flattenObject(options, position),
    opaquePaths: extra.opaquePaths ?? [],
    url: extra.url,
    context: { ...MODULE_LEVEL, ...extra.context },
  };
}
