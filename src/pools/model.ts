// The audit config model: raw options found in a file, and the zod-validated normalised pool config rules check.
import { z } from 'zod';

/** Where a value came from: written by the user, the library default that will run, or not knowable statically. */
export const OriginSchema = z.enum(['set', 'default', 'unknown']);
export type Origin = z.infer<typeof OriginSchema>;

/** 1-based line and column, as editors and SARIF show them. */
export const PositionSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type Position = z.infer<typeof PositionSchema>;

/** zod 4 numbers are finite; "unbounded" is a real value here (maxSockets: Infinity), so it is allowed explicitly. */
const NumberOrInfinity = z.union([z.number(), z.literal(Infinity)]);
export const ScalarSchema = z.union([NumberOrInfinity, z.string(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof ScalarSchema>;

/** How a raw value was obtained, so messages can say "from process.env.MAX fallback" and so on. */
export const ViaSchema = z.enum(['literal', 'constant', 'env', 'env-fallback', 'url', 'default', 'expression']);
export type Via = z.infer<typeof ViaSchema>;

/** One option value. `value` is absent when origin is "unknown", or when the library default is "not set". */
export const OptionValueSchema = z.object({
  value: ScalarSchema.optional(),
  origin: OriginSchema,
  position: PositionSchema.optional(),
  via: ViaSchema.optional(),
  /** The environment variable the value is read from, when it is `process.env.X`. */
  env: z.string().optional(),
  /** The key as written, when it was an alias (`poolSize` for pg `max`). */
  writtenAs: z.string().optional(),
});
export type OptionValue = z.infer<typeof OptionValueSchema>;

/**
 * Facets: the same question asked of every library, in one unit (ms, counts), with the library's sentinels
 * already applied (mysql2 connectionLimit 0 → Infinity; pg connectionTimeoutMillis unset → Infinity).
 * Infinity means unbounded / waits forever. Absent facet: the library has no such setting at all.
 */
export const FACETS = [
  'maxSize',
  'minSize',
  'acquireTimeoutMs',
  'connectTimeoutMs',
  'idleTimeoutMs',
  'maxLifetimeMs',
  'queueLimit',
  'statementTimeoutMs',
  'commandTimeoutMs',
] as const;
export const FacetSchema = z.enum(FACETS);
export type Facet = z.infer<typeof FacetSchema>;

export const FacetValueSchema = z.object({
  value: NumberOrInfinity.optional(),
  origin: OriginSchema,
  /** The canonical option the facet was read from (for messages: "set connectionTimeoutMillis"). */
  option: z.string(),
  position: PositionSchema.optional(),
});
export type FacetValue = z.infer<typeof FacetValueSchema>;

export const KindSchema = z.enum(['database-pool', 'resource-pool', 'redis-client', 'http-agent', 'socket-server', 'cache', 'queue']);
export type Kind = z.infer<typeof KindSchema>;

export const DatabaseSchema = z.enum(['postgres', 'mysql', 'mssql', 'mongodb', 'redis', 'sqlite', 'other']);
export type Database = z.infer<typeof DatabaseSchema>;

/** Facts about the construction site that rules need beyond the options. */
export const SiteContextSchema = z.object({
  /** Constructed inside a function body (per request / per call), not at module level. */
  inFunction: z.boolean(),
  /** The enclosing function looks like a request/message handler (req/res/ctx/event parameters). */
  inHandler: z.boolean().optional(),
  /** `x.on('error', …)` seen on the variable the instance was assigned to; null when not applicable / not a source. */
  errorListener: z.boolean().nullable(),
  variable: z.string().optional(),
  /** Library-specific role: 'worker' | 'queue' for bull/bullmq, 'client' for pg.Client, 'cluster' for ioredis. */
  role: z.string().optional(),
});
export type SiteContext = z.infer<typeof SiteContextSchema>;

export const VersionSchema = z.object({
  major: z.number().int().nonnegative(),
  /** lockfile / package.json: what is installed or declared; reference: no manifest found, the reference major applies. */
  source: z.enum(['lockfile', 'package.json', 'node_modules', 'reference']),
  manifest: z.string().optional(),
});
export type Version = z.infer<typeof VersionSchema>;

/** The normalised config of one pool, client, agent, server, cache or queue: what rules check. */
export const PoolConfigSchema = z.object({
  library: z.string(),
  kind: KindSchema,
  database: DatabaseSchema.optional(),
  /** How it was constructed, as written: `new pg.Pool`, `mysql.createPool`, `DATABASE_URL`, `config.yaml`. */
  construct: z.string(),
  position: PositionSchema,
  version: VersionSchema,
  /** Canonical option name → value, for every option the library knows (set, default or unknown). */
  options: z.record(z.string(), OptionValueSchema),
  /** Keys the library does not know (ignored or fatal depending on the library), with where they were written. */
  unknownKeys: z.array(z.object({ key: z.string(), position: PositionSchema.optional() })),
  facets: z.partialRecord(FacetSchema, FacetValueSchema),
  /** The options object could not be fully resolved (an opaque spread or variable): unset options are unknown. */
  opaque: z.boolean(),
  context: SiteContextSchema,
});
export type PoolConfig = z.infer<typeof PoolConfigSchema>;

/** One raw value as extracted from a file, before the library's knowledge is applied. */
export interface RawValue {
  /** undefined together with resolved=false: not knowable statically. */
  value?: Scalar;
  resolved: boolean;
  position?: Position;
  via: Via;
  env?: string;
}

/**
 * What an extractor hands to a library: dotted option paths (`pool.max`, `extra.max`) → raw values.
 * URL query parameters found in the options (or as the connection argument) are added under `url.<param>`.
 */
export interface RawSite {
  library: string;
  construct: string;
  position: Position;
  options: Map<string, RawValue>;
  /** Dotted path prefixes whose content is unknown (`''` for the whole object, `pool` for `pool: makePool()`). */
  opaquePaths: string[];
  /** A connection URL given to the constructor or inside the options, already split into its query. */
  url?: { text: string; position?: Position; params: Map<string, RawValue>; env?: string };
  context: SiteContext;
}
