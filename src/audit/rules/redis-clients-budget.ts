// REDIS003: Σ Redis connections across the fleet (BullMQ Worker = 2, Bull Queue = 3) must fit Redis maxclients.
import type { PoolConfig } from '../../pools/model.js';
import { fleetData, fleetTotal } from '../rule-kit/fleet-math.js';
import { defineRule, NO_OPTIONS } from './types.js';

const LIBRARIES = ['bull', 'bullmq', 'ioredis', 'node-redis'];

/** @redis/client createClientPool `maximum` default (v5+); its options are a second argument the audit does not read. */
const NODE_REDIS_POOL_DEFAULT_MAXIMUM = 100;
/** bullmq Worker: its own blocking connection plus the normal one (worker source). */
const BULLMQ_WORKER_CONNECTIONS = 2;
/** bull Queue: client, subscriber and the blocking bclient once it processes jobs (bull lib/queue.js). */
const BULL_QUEUE_CONNECTIONS = 3;

/** Connections one construction holds to one Redis server (a Cluster client holds one per node, counted per node). */
export function redisConnections(config: PoolConfig): number {
  if (config.library === 'bullmq') return config.context.role === 'worker' ? BULLMQ_WORKER_CONNECTIONS : 1;
  if (config.library === 'bull') return BULL_QUEUE_CONNECTIONS;
  if (config.library === 'node-redis' && config.context.role === 'pool') return NODE_REDIS_POOL_DEFAULT_MAXIMUM;
  return 1;
}

export const redisClientsBudget = defineRule({
  meta: {
    id: 'redis-clients-budget',
    code: 'REDIS003',
    defaultSeverity: 'error',
    description: 'Keep the fleet-wide number of Redis connections within the server\'s maxclients.',
    libraries: LIBRARIES,
    messages: {
      overBudget:
        '{{clients}} Redis client(s) open {{total}} connections ({{perProcess}} per process × {{replicas}} replicas × {{processes}} processes × surge {{surge}} + {{headroom}} headroom) but Redis allows {{available}} ({{maxClients}} maxclients − {{reserved}} reserved)',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    const server = context.fleet.servers.redis;
    const configs = context.configs.filter((config) => LIBRARIES.includes(config.library));
    if (configs.length === 0) return;
    const perProcess = configs.reduce((sum, config) => sum + redisConnections(config), 0);
    const total = fleetTotal(perProcess, context.fleet);
    const available = server.maxConnections - server.reserved;
    if (total <= available) return;
    // The finding sits on the biggest contributor: the construction a reviewer would change first.
    const largest = configs.reduce((best, config) => (redisConnections(config) > redisConnections(best) ? config : best));
    context.report({
      config: largest,
      messageId: 'overBudget',
      data: { clients: configs.length, total, perProcess, ...fleetData(context.fleet), available, maxClients: server.maxConnections, reserved: server.reserved },
    });
  },
});
