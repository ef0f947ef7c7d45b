// Table tests for redis-offline-queue (REDIS001).
import { redisOfflineQueue } from '../../../src/audit/rules/redis-offline-queue.js';
import { ruleTable } from './harness.js';

ruleTable(redisOfflineQueue, {
  valid: [
    { name: 'ioredis defaults (20 retries)', pools: [{ library: 'ioredis' }] },
    { name: 'BullMQ-style connection with the queue off', pools: [{ library: 'ioredis', options: { maxRetriesPerRequest: null, enableOfflineQueue: false } }] },
    { name: 'node-redis with a cap', pools: [{ library: 'node-redis', options: { commandsQueueMaxLength: 1000 } }] },
    { name: 'node-redis fails fast', pools: [{ library: 'node-redis', options: { disableOfflineQueue: true } }] },
  ],
  invalid: [
    { name: 'ioredis infinite retries with the queue on', pools: [{ library: 'ioredis', options: { maxRetriesPerRequest: null } }], errors: [{ messageId: 'ioredisUnbounded' }] },
    { name: 'node-redis defaults', pools: [{ library: 'node-redis' }], errors: [{ messageId: 'nodeRedisUnbounded' }] },
  ],
});
