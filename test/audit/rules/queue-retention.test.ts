// Table tests for queue-retention (CACHE001, bull/bullmq).
import { queueRetention } from '../../../src/audit/rules/queue-retention.js';
import { ruleTable } from './harness.js';

const bounded = { defaultJobOptions: { removeOnComplete: 1000, removeOnFail: { age: 86_400, count: 5000 } } };

ruleTable(queueRetention, {
  valid: [
    { name: 'bullmq Queue with both bounds', pools: [{ library: 'bullmq', options: bounded, context: { role: 'queue' } }] },
    { name: 'bull Queue with removeOnComplete true and a fail count', pools: [{ library: 'bull', options: { defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 } } }] },
    { name: 'bullmq Worker options (removeOnComplete at the top level)', pools: [{ library: 'bullmq', options: { removeOnComplete: 100, removeOnFail: true }, context: { role: 'worker' } }] },
    { name: 'from env vars without fallback', pools: [{ library: 'bullmq', unknown: ['defaultJobOptions.removeOnComplete', 'defaultJobOptions.removeOnFail'] }] },
    { name: 'opaque defaultJobOptions', pools: [{ library: 'bull', opaque: ['defaultJobOptions'] }] },
  ],
  invalid: [
    {
      name: 'bullmq Queue with no defaultJobOptions: both kept forever',
      pools: [{ library: 'bullmq', context: { role: 'queue' } }],
      errors: [
        { messageId: 'keepsForever', data: { library: 'bullmq', option: 'defaultJobOptions.removeOnComplete', value: 'false' } },
        { messageId: 'keepsForever', data: { option: 'defaultJobOptions.removeOnFail' } },
      ],
    },
    {
      name: 'bull removeOnFail false written',
      pools: [{ library: 'bull', options: { defaultJobOptions: { removeOnComplete: 100, removeOnFail: false } } }],
      errors: [{ messageId: 'keepsForever', data: { library: 'bull', option: 'defaultJobOptions.removeOnFail' } }],
    },
  ],
});
