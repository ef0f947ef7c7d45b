// FLEET002: the fleet's total pool size should not dwarf what the database's cores can run ((cores × 2) + spindles).
import { z } from 'zod';
import type { PoolConfig } from '../../pools/model.js';
import { knownNumber } from '../rule-kit/describe.js';
import { fleetData, fleetTotal, poolCopies } from '../rule-kit/fleet-math.js';
import { defineRule } from './types.js';

const LIBRARIES = ['knex', 'mariadb', 'mongodb', 'mssql', 'mysql2', 'pg', 'prisma', 'sequelize', 'typeorm'];
const DATABASES = ['postgres', 'mysql', 'mssql', 'mongodb'] as const;

/** HikariCP "About Pool Sizing": connections = (core_count × 2) + effective_spindle_count; one disk (or SSD) = 1. */
const DEFAULT_SPINDLES = 1;
/** Pools are sized for peaks and not all connections are active at once: warn only when the total is 4× the formula. */
const DEFAULT_RATIO = 4;

/** A pool's finite, statically known size; unknown or unbounded sizes are fleet-db-budget's findings. */
function knownSize(config: PoolConfig): number {
  const size = knownNumber(config.facets.maxSize);
  return size === undefined || size === Infinity ? 0 : size * poolCopies(config);
}

export const fleetVsDbCores = defineRule({
  meta: {
    id: 'fleet-vs-db-cores',
    code: 'FLEET002',
    defaultSeverity: 'warning',
    description: 'Keep the fleet-wide pool total near what the database\'s CPU cores can actually serve.',
    libraries: LIBRARIES,
    messages: {
      oversized:
        '{{pools}} {{database}} pool(s) can hold at least {{total}} connections ({{perProcess}} per process × {{replicas}} replicas × {{processes}} processes × surge {{surge}}), {{times}}× the ≈{{recommended}} that {{cores}} database cores serve ((cores × 2) + {{spindles}}): extra connections wait inside the database; shrink the pools',
    },
    optionsSchema: z.strictObject({ spindles: z.number().int().nonnegative(), ratio: z.number().positive() }),
    defaultOptions: { spindles: DEFAULT_SPINDLES, ratio: DEFAULT_RATIO },
  },
  check(context) {
    const { spindles, ratio } = context.options;
    for (const database of DATABASES) {
      const cores = context.fleet.servers[database]?.cores;
      const configs = context.configs.filter((config) => config.database === database && LIBRARIES.includes(config.library));
      if (cores === undefined || configs.length === 0) continue;
      const perProcess = configs.reduce((sum, config) => sum + knownSize(config), 0);
      // Headroom is admin/migration connections, mostly idle: the formula is about the app's concurrent work.
      const total = fleetTotal(perProcess, context.fleet, false);
      const recommended = cores * 2 + spindles;
      if (total <= recommended * ratio) continue;
      const largest = configs.reduce((best, config) => (knownSize(config) > knownSize(best) ? config : best));
      context.report({
        config: largest,
        messageId: 'oversized',
        data: { pools: configs.length, database, total, perProcess, ...fleetData(context.fleet), times: Number((total / recommended).toFixed(1)), recommended, cores, spindles },
      });
    }
  },
});
