// Table tests for redis-command-timeout (REDIS002).
import { redisCommandTimeout } from '../../../src/audit/rules/redis-command-timeout.js';
import { ruleTable } from './harness.js';

ruleTable(redisCommandTimeout, {
  valid: [
    { name: 'ioredis commandTimeout', pools: [{ library: 'ioredis', options: { commandTimeout: 2000 } }] },
    { name: 'BullMQ blocking connection is exempt', pools: [{ library: 'ioredis', options: { maxRetriesPerRequest: null } }] },
    { name: 'node-redis v6 defaults to 5 s', pools: [{ library: 'node-redis', major: 6 }] },
    { name: 'node-redis v4 with a timeout', pools: [{ library: 'node-redis', major: 4, options: { commandOptions: { timeout: 1000 } } }] },
  ],
  invalid: [
    { name: 'ioredis default', pools: [{ library: 'ioredis', major: 5 }], errors: [{ messageId: 'noTimeout', data: { library: 'ioredis', major: 'v5', option: 'commandTimeout' } }] },
    { name: 'node-redis v4 default', pools: [{ library: 'node-redis', major: 4 }], errors: [{ messageId: 'noTimeout', data: { option: 'commandOptions.timeout' } }] },
  ],
});
