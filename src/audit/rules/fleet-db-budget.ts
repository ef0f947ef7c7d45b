// FLEET001: Σ(replicas × processes × surge × pool max) + headroom must fit the database's max_connections − reserved.
import type { PoolConfig } from '../../pools/model.js';
import type { ServerFacts } from '../fleet.js';
import { defineRule, NO_OPTIONS } from './types.js';
import { knownNumber, libraryLabel } from '../rule-kit/describe.js';
import { poolCopies } from '../rule-kit/fleet-math.js';

const LIBRARIES = ['knex', 'mariadb', 'mongodb', 'mssql', 'mysql2', 'pg', 'prisma', 'sequelize', 'typeorm'];
type BudgetedDatabase = 'postgres' | 'mysql' | 'mssql' | 'mongodb';
const BUDGETED: readonly BudgetedDatabase[] = ['postgres', 'mysql', 'mssql', 'mongodb'];

export const fleetDbBudget = defineRule({
  meta: {
    id: 'fleet-db-budget',
    code: 'FLEET001',
    defaultSeverity: 'error',
    description: 'Keep the fleet-wide sum of pool sizes within the database server\'s connection limit.',
    libraries: LIBRARIES,
    messages: {
      overBudget:
        '{{pools}} {{database}} pool(s) can open {{total}} connections ({{perProcess}} per process × {{replicas}} replicas × {{processes}} processes × surge {{surge}} + {{headroom}} headroom) but the server allows {{available}} ({{maxConnections}} max_connections − {{reserved}} reserved)',
      unbounded: '{{library}} pool size is {{why}}: the {{database}} connection budget ({{available}} available) cannot be proven',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    const { fleet } = context;
    for (const database of BUDGETED) {
      const server: ServerFacts | undefined = fleet.servers[database];
      const configs = context.configs.filter((config) => config.database === database && LIBRARIES.includes(config.library));
      if (!server || configs.length === 0) continue;
      const available = server.maxConnections - server.reserved;
      let perProcess = 0;
      for (const config of configs) {
        const size = knownNumber(config.facets.maxSize);
        if (size === undefined || size === Infinity) {
          const option = config.facets.maxSize?.option ?? '';
          const why = size === Infinity ? 'unbounded' : config.options[option]?.origin === 'default' ? 'CPU-dependent when unset (physical cores × 2 + 1)' : 'not statically known';
          context.report({ config, messageId: 'unbounded', data: { library: libraryLabel(config), why, database, available } });
          continue;
        }
        perProcess += size * poolCopies(config);
      }
      const total = Math.ceil(perProcess * fleet.replicas * fleet.processes * fleet.surge) + fleet.headroom;
      if (total <= available) continue;
      context.report({
        config: largest(configs),
        messageId: 'overBudget',
        data: {
          pools: configs.length, database, total, perProcess, replicas: fleet.replicas, processes: fleet.processes, surge: fleet.surge,
          headroom: fleet.headroom, available, maxConnections: server.maxConnections, reserved: server.reserved,
        },
      });
    }
  },
});

/** The finding sits on the biggest contributor: the line a reviewer would change first. */
function largest(configs: PoolConfig[]): PoolConfig {
  return configs.reduce((best, config) => ((knownNumber(config.facets.maxSize) ?? 0) > (knownNumber(best.facets.maxSize) ?? 0) ? config : best));
}
