// REDIS002: Redis commands need a timeout; ioredis and node-redis v4/v5 wait forever on a stalled server.
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

export const redisCommandTimeout = defineRule({
  meta: {
    id: 'redis-command-timeout',
    code: 'REDIS002',
    defaultSeverity: 'warning',
    description: 'Set a per-command timeout on Redis clients (ioredis commandTimeout, node-redis commandOptions.timeout).',
    libraries: ['ioredis', 'node-redis'],
    messages: {
      noTimeout: '{{library}} {{major}} commands wait forever on a stalled server: set {{option}}',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, ['ioredis', 'node-redis'])) {
      const facet = config.facets.commandTimeoutMs;
      if (!facet || facet.origin === 'unknown' || facet.value !== Infinity) continue;
      // maxRetriesPerRequest: null marks a BullMQ blocking connection, where BRPOP-style waits are the point.
      if (config.library === 'ioredis' && config.options.maxRetriesPerRequest.origin === 'set' && config.options.maxRetriesPerRequest.value === null) continue;
      context.report({ config, messageId: 'noTimeout', data: { library: config.library, major: `v${config.version.major}`, option: facet.option } });
    }
  },
});
