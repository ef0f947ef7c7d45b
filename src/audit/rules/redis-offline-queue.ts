// REDIS001: an unbounded offline queue with infinite retries grows until the process runs out of memory.
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

export const redisOfflineQueue = defineRule({
  meta: {
    id: 'redis-offline-queue',
    code: 'REDIS001',
    defaultSeverity: 'warning',
    description: 'Bound what a Redis client buffers while disconnected: no infinite retries with an uncapped offline queue.',
    libraries: ['ioredis', 'node-redis'],
    messages: {
      ioredisUnbounded: 'ioredis with maxRetriesPerRequest: null and the offline queue on buffers every command forever while Redis is down: set enableOfflineQueue: false (BullMQ Queue connections) or a finite maxRetriesPerRequest',
      nodeRedisUnbounded: 'node-redis queues commands without limit while disconnected: set commandsQueueMaxLength or disableOfflineQueue: true',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, ['ioredis'])) {
      const { maxRetriesPerRequest, enableOfflineQueue } = config.options;
      if (maxRetriesPerRequest.origin === 'set' && maxRetriesPerRequest.value === null && enableOfflineQueue.origin !== 'unknown' && enableOfflineQueue.value !== false) {
        context.report({ config, position: maxRetriesPerRequest.position, messageId: 'ioredisUnbounded', data: {} });
      }
    }
    for (const config of configsOf(context, ['node-redis'])) {
      const { disableOfflineQueue, commandsQueueMaxLength } = config.options;
      if (disableOfflineQueue.origin !== 'unknown' && disableOfflineQueue.value !== true && commandsQueueMaxLength.origin === 'default') {
        context.report({ config, messageId: 'nodeRedisUnbounded', data: {} });
      }
    }
  },
});
