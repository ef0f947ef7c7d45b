// CACHE001 (queues): Bull/BullMQ keep every completed and failed job in Redis unless told to remove them.
import { reportOption } from '../rule-kit/bounds.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

const LIBRARIES = ['bull', 'bullmq'];

/** Options that bound retention; `false` (the default) keeps jobs forever, `true`, a count or {age,count} bound it. */
const RETENTION_KEYS = ['defaultJobOptions.removeOnComplete', 'defaultJobOptions.removeOnFail'];

export const queueRetention = defineRule({
  meta: {
    id: 'queue-retention',
    code: 'CACHE001',
    defaultSeverity: 'warning',
    description: 'Bound how many completed and failed jobs a Bull/BullMQ queue keeps in Redis.',
    libraries: LIBRARIES,
    messages: {
      keepsForever: '{{library}} keeps every job in Redis forever: {{option}} is {{value}}; set a count or {age, count}',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      for (const key of RETENTION_KEYS) {
        const value = config.options[key];
        if (!value || value.origin === 'unknown') continue;
        if (value.value === false || value.value === 'false' || value.value === 0) reportOption(context, config, key, 'keepsForever');
      }
    }
  },
});
