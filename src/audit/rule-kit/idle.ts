// When does an idle connection really get closed? Each pool library hides a condition behind its idle timeout.
import type { PoolConfig } from '../../pools/model.js';
import { optionNumber } from './bounds.js';

/** Why a pool's idle timeout never closes (some) idle connections; the message id names the fix. */
export interface IdleBlocker {
  messageId: 'needsEviction' | 'needsMaxIdle' | 'needsMinimumIdle' | 'fixedPool';
  /** The option to change. */
  fix: string;
}

/** Per library: the idle-timeout option key and the test that decides whether the reaper can close anything. */
const IDLE_KEYS: Readonly<Record<string, string>> = {
  'generic-pool': 'idleTimeoutMillis',
  knex: 'pool.idleTimeoutMillis',
  mariadb: 'idleTimeout',
  mssql: 'pool.idleTimeoutMillis',
  mysql2: 'idleTimeout',
  tarn: 'idleTimeoutMillis',
};

export const IDLE_LIBRARIES = Object.keys(IDLE_KEYS);

export function idleTimeoutKey(config: PoolConfig): string | undefined {
  return IDLE_KEYS[config.library];
}

/** The option prefix of tarn-based pools: knex and mssql nest tarn's options under `pool.`. */
function tarnPrefix(config: PoolConfig): string {
  return config.library === 'tarn' ? '' : 'pool.';
}

/** A count option, with an "equals another option" default applied (mysql2 maxIdle, mariadb minimumIdle = connectionLimit). */
function countOr(config: PoolConfig, key: string, fallbackKey: string): number | 'unknown' | undefined {
  const value = config.options[key];
  if (value?.origin === 'unknown') return 'unknown';
  const own = optionNumber(value);
  if (own !== undefined) return own;
  const fallback = config.options[fallbackKey];
  return fallback?.origin === 'unknown' ? 'unknown' : optionNumber(fallback);
}

/** Reaping needs `key` (which defaults to connectionLimit) strictly below connectionLimit. */
function belowLimit(config: PoolConfig, key: string, blocker: IdleBlocker): IdleBlocker | null | undefined {
  const limit = countOr(config, 'connectionLimit', 'connectionLimit');
  const value = countOr(config, key, 'connectionLimit');
  if (limit === 'unknown' || value === 'unknown' || limit === undefined || value === undefined) return undefined;
  return value < limit ? null : blocker;
}

/**
 * null: the idle timeout can close idle connections; a blocker: it cannot (for all, or the ones up to `min`);
 * undefined: not knowable statically.
 */
export function idleBlocker(config: PoolConfig): IdleBlocker | null | undefined {
  const options = config.options;
  switch (config.library) {
    case 'generic-pool': {
      // lib/Pool.js: the evictor is only scheduled when evictionRunIntervalMillis > 0 (coopernurse/node-pool#178).
      const interval = options['evictionRunIntervalMillis'];
      if (interval?.origin === 'unknown') return undefined;
      return (optionNumber(interval) ?? 0) > 0 ? null : { messageId: 'needsEviction', fix: 'evictionRunIntervalMillis' };
    }
    // mysql2 base/pool.js: the idle reaper starts only when maxIdle < connectionLimit (maxIdle defaults to it).
    case 'mysql2':
      return belowLimit(config, 'maxIdle', { messageId: 'needsMaxIdle', fix: 'maxIdle' });
    // mariadb: the reaper closes only connections above minimumIdle, which defaults to connectionLimit (a fixed pool).
    case 'mariadb':
      return belowLimit(config, 'minimumIdle', { messageId: 'needsMinimumIdle', fix: 'minimumIdle' });
    case 'knex':
    case 'mssql':
    case 'tarn': {
      // tarn reaps only free resources above `min` (Vincit/tarn.js#75): min ≥ max means nothing is ever reaped.
      const prefix = tarnPrefix(config);
      const min = options[`${prefix}min`];
      const max = options[`${prefix}max`];
      if (min?.origin === 'unknown' || max?.origin === 'unknown') return undefined;
      const [minimum, maximum] = [optionNumber(min) ?? 0, optionNumber(max)];
      return maximum !== undefined && minimum >= maximum ? { messageId: 'fixedPool', fix: `${prefix}min` } : null;
    }
    default:
      return null;
  }
}

/** Connections a tarn/sequelize-style pool keeps open regardless of the idle timeout (its `min`); undefined if unknown. */
export function keptIdle(config: PoolConfig): number | undefined {
  const key = ['knex', 'mssql', 'sequelize'].includes(config.library) ? 'pool.min' : config.library === 'tarn' ? 'min' : undefined;
  if (!key) return 0;
  const min = config.options[key];
  return min?.origin === 'unknown' ? undefined : (optionNumber(min) ?? 0);
}
