// Applies a library's knowledge to raw extracted options: aliases, URL params, defaults by major, facets.
import type { LibraryDefinition, OptionSpec } from './library.js';
import { defaultFor } from './library.js';
import type { Facet, FacetValue, OptionValue, PoolConfig, RawSite, RawValue, Version } from './model.js';
import { PoolConfigSchema } from './model.js';
import { siteUrl } from './url.js';

const MS_PER_SECOND = 1000;

/** Normalises one construction site; the result is validated against the zod model (a bug here throws). */
export function normalise(input: RawSite, library: LibraryDefinition, version: Version): PoolConfig {
  const site: RawSite = { ...input, url: siteUrl(input) };
  const options: Record<string, OptionValue> = {};
  const claimed = new Set<string>();
  for (const spec of library.options) {
    options[spec.key] = resolveOption(site, spec, version.major, claimed);
  }
  const facets: Partial<Record<Facet, FacetValue>> = {};
  for (const spec of library.options) {
    if (!spec.facet || facets[spec.facet]) continue;
    facets[spec.facet] = toFacet(spec, options[spec.key], version.major);
  }
  Object.assign(facets, library.deriveFacets?.(options, version.major));
  const passThrough = library.passThrough ?? [];
  const unknownKeys = [...site.options.entries()]
    .filter(([key]) => !claimed.has(key) && !key.startsWith('url.') && !isUnder(key, passThrough))
    .map(([key, raw]) => ({ key, position: raw.position }));
  const database = typeof library.database === 'function' ? library.database(site) : library.database;
  return PoolConfigSchema.parse({
    library: library.id,
    kind: library.kind,
    database,
    construct: site.construct,
    position: site.position,
    version,
    options,
    unknownKeys,
    facets,
    opaque: site.opaquePaths.length > 0,
    context: site.context,
  });
}

function resolveOption(site: RawSite, spec: OptionSpec, major: number, claimed: Set<string>): OptionValue {
  for (const path of [spec.key, ...(spec.aliases ?? [])]) {
    const raw = site.options.get(path);
    if (!raw) continue;
    claimed.add(path);
    return fromRaw(raw, path === spec.key ? undefined : path);
  }
  // An object written at this path (`replication: {…}`) counts as set; its leaves are flattened separately.
  const child = [...site.options.entries()].find(([path]) => path.startsWith(`${spec.key}.`));
  if (child) return { origin: 'set', value: true, position: child[1].position, via: 'literal' };
  for (const param of spec.urlParams ?? []) {
    const raw = site.url?.params.get(param) ?? site.options.get(`url.${param}`);
    if (raw) return fromRaw(raw, `?${param}`);
  }
  // An opaque spread or variable may set anything below it: say unknown rather than claim the default runs.
  if (spec.urlParams && site.opaquePaths.includes('url')) return { origin: 'unknown', via: 'url' };
  if (site.opaquePaths.some((prefix) => prefix === '' || spec.key === prefix || spec.key.startsWith(`${prefix}.`))) {
    return { origin: 'unknown', via: 'expression' };
  }
  const value = defaultFor(spec, major);
  return value === undefined ? { origin: 'default', via: 'default' } : { origin: 'default', value, via: 'default' };
}

function fromRaw(raw: RawValue, writtenAs: string | undefined): OptionValue {
  const base = { position: raw.position, via: raw.via, env: raw.env, writtenAs };
  return raw.resolved ? { ...base, origin: 'set', value: raw.value } : { ...base, origin: 'unknown' };
}

/** Converts an option value into the facet's unit, applying what 0 and "unset" mean to this library. */
export function toFacet(spec: OptionSpec, value: OptionValue, major: number): FacetValue {
  const base = { origin: value.origin, option: spec.key, position: value.position };
  if (value.origin === 'unknown') return base;
  let raw = value.value;
  if (raw === 0 && spec.zero === 'default') raw = defaultFor(spec, major);
  if (raw === undefined || raw === null || raw === false) return { ...base, value: Infinity };
  const number = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(number) && number !== Infinity) return { ...base, origin: 'unknown' };
  if (number === 0 && spec.zero === 'unbounded') return { ...base, value: Infinity };
  return { ...base, value: spec.unit === 's' ? number * MS_PER_SECOND : number };
}

function isUnder(key: string, prefixes: string[]): boolean {
  return prefixes.some((prefix) => key === prefix || key.startsWith(`${prefix}.`));
}
