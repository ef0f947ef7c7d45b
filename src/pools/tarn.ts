// tarn 3 (the pool under knex and mssql): min/max required, unknown keys and zero timeouts throw.
import type { LibraryDefinition, OptionSpec } from './library.js';
import { option } from './library.js';

/** tarn's own option table, reused under `pool.` by knex and mssql. Timeouts use `|| default`, and 0 throws. */
export function tarnOptions(prefix: string, overrides: { min?: number; max?: number } = {}): OptionSpec[] {
  return [
    option(`${prefix}min`, 'count', { default: overrides.min, facet: 'minSize' }),
    option(`${prefix}max`, 'count', { default: overrides.max, facet: 'maxSize' }),
    option(`${prefix}acquireTimeoutMillis`, 'ms', { default: 30_000, facet: 'acquireTimeoutMs', zero: 'throws' }),
    option(`${prefix}createTimeoutMillis`, 'ms', { default: 30_000, facet: 'connectTimeoutMs', zero: 'throws' }),
    option(`${prefix}destroyTimeoutMillis`, 'ms', { default: 5_000, zero: 'throws' }),
    // Reaps only free resources above `min` (Vincit/tarn.js#75).
    option(`${prefix}idleTimeoutMillis`, 'ms', { default: 30_000, facet: 'idleTimeoutMs', zero: 'throws' }),
    option(`${prefix}reapIntervalMillis`, 'ms', { default: 1_000, zero: 'throws' }),
    option(`${prefix}createRetryIntervalMillis`, 'ms', { default: 200, zero: 'throws' }),
    option(`${prefix}propagateCreateError`, 'bool', { default: false }),
  ];
}

/** generic-pool keys that knex/TypeORM docs still mention; tarn throws "unsupported option" on each. */
export const GENERIC_POOL_ONLY_KEYS = ['maxWaitingClients', 'testOnBorrow', 'testOnReturn', 'fifo', 'priorityRange', 'autostart', 'evictionRunIntervalMillis', 'numTestsPerRun', 'numTestsPerEvictionRun', 'softIdleTimeoutMillis', 'Promise'];

export const tarn: LibraryDefinition = {
  id: 'tarn',
  title: 'tarn',
  packages: ['tarn'],
  referenceMajor: 3,
  kind: 'resource-pool',
  sites: [{ modules: ['tarn'], exportName: 'Pool', call: 'new', optionsArg: 0, construct: 'new tarn.Pool' }],
  options: tarnOptions(''),
  unknownKeys: 'throws',
  passThrough: ['create', 'destroy', 'validate', 'log'],
};
