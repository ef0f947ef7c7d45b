// What a library's knowledge file declares: construction sites, options with aliases, units, defaults per major.
import type { Database, Facet, FacetValue, Kind, OptionValue, RawSite, Scalar } from './model.js';

export type Unit = 'ms' | 's' | 'count' | 'bytes' | 'bool' | 'string' | 'enum' | 'function';

/** What a value of 0 means to the library (they disagree, and that is half the footguns). */
export type ZeroMeaning = 'literal' | 'unbounded' | 'default' | 'throws';

export interface OptionSpec {
  /** Canonical dotted path as the library reads it: `max`, `pool.max`, `socket.connectTimeout`. */
  key: string;
  /** Other dotted paths read as the same option, in the library's precedence order after `key`. */
  aliases?: string[];
  unit: Unit;
  /** The value that runs when unset; a function of the installed major when it changed between majors. */
  default?: Scalar | ((major: number) => Scalar | undefined);
  facet?: Facet;
  zero?: ZeroMeaning;
  /** Connection-URL query parameters the library reads into this option. */
  urlParams?: string[];
}

/** How a construction looks in source: which import it comes from and which arguments hold what. */
export interface SitePattern {
  /** Module specifiers (`pg`, `mysql2/promise`, `node:http`). */
  modules: string[];
  /** Export used: a named export, `default` (the module / default import itself), or `a.b` for nested members. */
  exportName: string;
  call: 'new' | 'call';
  /** Argument index holding the options object; 'last' = the last argument. */
  optionsArg: number | 'last';
  /** Argument index that may hold a connection URL (string). */
  urlArg?: number;
  /** Shown to users: `new pg.Pool`, `mysql.createPool`. */
  construct: string;
  role?: string;
  /** The options live under this path of the argument (ioredis Cluster: `redisOptions`). */
  optionsPath?: string;
}

/** Hints for recognising a plain JSON/YAML object as this library's config. */
export interface ConfigHint {
  /** A discriminator key and the values naming this library (`client: pg` is knex, `dialect` is sequelize). */
  discriminator?: { key: string; values: string[] };
  /** Keys that only this library uses; two or more present (or one with `strong`) identify it. */
  signatureKeys?: string[];
  strong?: boolean;
}

export interface LibraryDefinition {
  id: string;
  title: string;
  /** npm packages whose installed version decides the defaults (first found wins). */
  packages: string[];
  /** The major the reference tables were read from; used when no manifest names the package. */
  referenceMajor: number;
  kind: Kind;
  database?: Database | ((site: RawSite) => Database | undefined);
  sites: SitePattern[];
  options: OptionSpec[];
  /** What the library does with keys it does not know: the difference between a typo and a crash. */
  unknownKeys: 'ignored' | 'throws' | 'passed-through';
  /** Path prefixes under which unknown keys throw even though the library ignores them elsewhere (knex `pool.`). */
  strictUnder?: string[];
  /** Path prefixes handed to something else unvalidated (`connection`, `dialectOptions`), and plain known keys. */
  passThrough?: string[];
  /** URL schemes that mean this library when a URL is found on its own (env files, YAML). */
  urlSchemes?: string[];
  configHint?: ConfigHint;
  /** Facets that need more than one option (knex: the smaller of two acquire timeouts). */
  deriveFacets?: (options: Record<string, OptionValue>, major: number) => Partial<Record<Facet, FacetValue>>;
}

/** Looks up an option's default for a major version. */
export function defaultFor(spec: OptionSpec, major: number): Scalar | undefined {
  return typeof spec.default === 'function' ? spec.default(major) : spec.default;
}

/** Small helper so library files read as tables. */
export function option(key: string, unit: Unit, rest: Omit<OptionSpec, 'key' | 'unit'> = {}): OptionSpec {
  return { key, unit, ...rest };
}
