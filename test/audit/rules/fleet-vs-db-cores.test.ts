// Table tests for fleet-vs-db-cores (FLEET002).
import { fleetVsDbCores } from '../../../src/audit/rules/fleet-vs-db-cores.js';
import { ruleTable } from './harness.js';

const postgres = (cores: number) => ({ servers: { postgres: { maxConnections: 1000, reserved: 3, cores } } });

ruleTable(fleetVsDbCores, {
  valid: [
    { name: 'no cores declared: nothing to compare', pools: [{ library: 'pg', options: { max: 50 } }], fleet: { replicas: 20 } },
    { name: '4 cores (≈9), 3 replicas × 10 = 30 ≤ 36', pools: [{ library: 'pg', options: { max: 10 } }], fleet: { replicas: 3, ...postgres(4) } },
    { name: 'unknown size is not counted', pools: [{ library: 'pg', unknown: ['max'] }], fleet: { replicas: 100, ...postgres(2) } },
    { name: 'mysql pools do not count against postgres cores', pools: [{ library: 'mysql2', options: { connectionLimit: 100 } }], fleet: { replicas: 10, ...postgres(2) } },
    { name: 'a looser ratio', pools: [{ library: 'pg', options: { max: 20 } }], fleet: { replicas: 10, ...postgres(8) }, ruleOptions: { spindles: 1, ratio: 20 } },
  ],
  invalid: [
    {
      name: '4 cores (≈9) vs 20 replicas × 20',
      pools: [{ library: 'pg', options: { max: 20 } }],
      fleet: { replicas: 20, ...postgres(4) },
      errors: [{ messageId: 'oversized', data: { database: 'postgres', total: 400, perProcess: 20, recommended: 9, times: 44.4, cores: 4, spindles: 1 } }],
    },
    {
      name: 'sequelize replication counts twice; finding on the largest pool',
      pools: [{ library: 'pg', options: { max: 5 } }, { library: 'sequelize', options: { dialect: 'postgres', replication: { read: [{ host: 'r' }], write: { host: 'w' } }, pool: { max: 10 } } }],
      fleet: { replicas: 2, processes: 2, ...postgres(2) },
      errors: [{ messageId: 'oversized', data: { perProcess: 25, total: 100, recommended: 5 }, line: 2 }],
    },
    {
      name: 'mysql with declared cores and spindles',
      pools: [{ library: 'mysql2', options: { connectionLimit: 50 } }],
      fleet: { replicas: 4, servers: { mysql: { maxConnections: 1000, cores: 8 } } },
      ruleOptions: { spindles: 2, ratio: 4 },
      errors: [{ messageId: 'oversized', data: { database: 'mysql', total: 200, recommended: 18 } }],
    },
  ],
});
