// Table tests for redis-clients-budget (REDIS003).
import { redisClientsBudget } from '../../../src/audit/rules/redis-clients-budget.js';
import { ruleTable } from './harness.js';

const worker = { library: 'bullmq', context: { role: 'worker' } };

ruleTable(redisClientsBudget, {
  valid: [
    { name: 'one ioredis client on the default server (10000)', pools: [{ library: 'ioredis' }] },
    { name: '100 replicas × (client + worker) = 300', pools: [{ library: 'ioredis' }, worker], fleet: { replicas: 100 } },
    { name: 'a bigger maxclients declared', pools: [{ library: 'ioredis' }], fleet: { replicas: 20_000, servers: { redis: { maxConnections: 50_000 } } } },
    { name: 'no Redis clients at all', pools: [{ library: 'pg', options: { max: 10 } }], fleet: { replicas: 50_000 } },
  ],
  invalid: [
    {
      name: 'BullMQ worker counts 2, bull queue 3: (1 + 2 + 3) × 500 × 4 processes',
      pools: [{ library: 'ioredis' }, worker, { library: 'bull' }],
      fleet: { replicas: 500, processes: 4 },
      errors: [{ messageId: 'overBudget', data: { clients: 3, perProcess: 6, total: 12_000, available: 10_000 }, line: 3 }],
    },
    {
      name: 'a node-redis client pool counts its default maximum (100)',
      pools: [{ library: 'node-redis', context: { role: 'pool' } }],
      fleet: { replicas: 80, surge: 1.25, headroom: 50 },
      errors: [{ messageId: 'overBudget', data: { perProcess: 100, total: 10_050, surge: 1.25, headroom: 50 } }],
    },
    {
      name: 'a small managed Redis (maxclients 256, 6 reserved)',
      pools: [{ library: 'ioredis' }, { library: 'bullmq', context: { role: 'queue' } }, worker],
      fleet: { replicas: 64, servers: { redis: { maxConnections: 256, reserved: 6 } } },
      errors: [{ messageId: 'overBudget', data: { perProcess: 4, total: 256, available: 250, maxClients: 256, reserved: 6 } }],
    },
  ],
});
