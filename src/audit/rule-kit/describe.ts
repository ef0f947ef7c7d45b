// Small wording helpers shared by rule messages: how to name an option and show a value.
import type { FacetValue, OptionValue, PoolConfig } from '../../pools/model.js';

/** `max` or `max (written as poolSize)`; env-sourced values name their variable. */
export function optionLabel(key: string, value?: OptionValue): string {
  const written = value?.writtenAs ? ` (written as ${value.writtenAs})` : '';
  const env = value?.env ? ` from ${value.env}` : '';
  return `${key}${written}${env}`;
}

/** Shows a value as a user would write it; Infinity and unset get words. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'unset';
  if (value === Infinity) return 'Infinity (unbounded)';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** The library name as users know it: `pg`, `knex (postgres)`. */
export function libraryLabel(config: PoolConfig): string {
  return config.database && config.library !== config.database && config.kind === 'database-pool' && ['knex', 'sequelize', 'typeorm', 'prisma'].includes(config.library)
    ? `${config.library} (${config.database})`
    : config.library;
}

/** A facet's numeric value when statically known, else undefined. */
export function knownNumber(facet: FacetValue | undefined): number | undefined {
  return facet && facet.origin !== 'unknown' ? facet.value : undefined;
}
