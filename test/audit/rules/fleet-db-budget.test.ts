// Table tests for fleet-db-budget (FLEET001).
import { fleetDbBudget } from '../../../src/audit/rules/fleet-db-budget.js';
import { ruleTable } from './harness.js';

ruleTable(fleetDbBudget, {
  valid: [
    { name: 'one pg pool of 20 on the default server (97 usable)', pools: [{ library: 'pg', options: { max: 20 } }] },
    { name: '4 replicas × 20 = 80 ≤ 97', pools: [{ library: 'pg', options: { max: 20 } }], fleet: { replicas: 4 } },
    {
      name: 'a bigger server declared',
      pools: [{ library: 'pg', options: { max: 20 } }],
      fleet: { replicas: 20, servers: { postgres: { maxConnections: 500, reserved: 3 } } },
    },
    { name: 'mysql pools count against mysql, not postgres', pools: [{ library: 'pg', options: { max: 50 } }, { library: 'mysql2', options: { connectionLimit: 100 } }] },
  ],
  invalid: [
    {
      name: '20 replicas × max 20 exceed 100 − 3',
      pools: [{ library: 'pg', options: { max: 20 } }],
      fleet: { replicas: 20 },
      errors: [{ messageId: 'overBudget', data: { database: 'postgres', total: 400, available: 97, perProcess: 20, replicas: 20 } }],
    },
    {
      name: 'processes, surge and headroom all count; finding on the largest pool',
      pools: [{ library: 'pg', options: { max: 5 } }, { library: 'knex', options: { client: 'pg', pool: { max: 10 } } }],
      fleet: { replicas: 3, processes: 2, surge: 1.5, headroom: 10 },
      errors: [{ messageId: 'overBudget', data: { total: 145, perProcess: 15 }, line: 2 }],
    },
    {
      name: 'sequelize replication doubles the pool',
      pools: [{ library: 'sequelize', options: { dialect: 'mysql', replication: { read: [{ host: 'r1' }], write: { host: 'w' } }, pool: { max: 40 } } }],
      fleet: { replicas: 2 },
      errors: [{ messageId: 'overBudget', data: { database: 'mysql', total: 160, available: 151 } }],
    },
    {
      name: 'mysql2 connectionLimit 0 is unbounded',
      pools: [{ library: 'mysql2', options: { connectionLimit: 0 } }],
      errors: [{ messageId: 'unbounded', data: { why: 'unbounded', database: 'mysql' } }],
    },
    {
      name: 'prisma without connection_limit is CPU-dependent',
      pools: [{ library: 'prisma', options: { datasourceUrl: 'postgresql://app:secret@db:5432/app?pool_timeout=10' } }, { library: 'pg', options: { max: 1 } }],
      errors: [{ messageId: 'unbounded', data: { why: 'CPU-dependent when unset (physical cores × 2 + 1)', library: 'prisma (postgres)' } }],
    },
    {
      name: 'a size from an env var without fallback cannot be budgeted',
      pools: [{ library: 'pg', unknown: ['max'] }],
      errors: [{ messageId: 'unbounded', data: { why: 'not statically known', available: 97 } }],
    },
  ],
});
