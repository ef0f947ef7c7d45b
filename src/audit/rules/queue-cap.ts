// WAIT003: a pool's wait queue must have a length cap (mysql2 queueLimit 0 and generic-pool defaults are unbounded).
import { z } from 'zod';
import { optionData } from './bounds.js';
import { configsOf, defineRule } from './types.js';

/**
 * Libraries with a queue-length option. pg, tarn and Sequelize have none: their queue is bounded only in time,
 * which acquire-timeout checks.
 */
const LIBRARIES = ['generic-pool', 'mysql2'];

export const queueCap = defineRule({
  meta: {
    id: 'queue-cap',
    code: 'WAIT003',
    defaultSeverity: 'error',
    description: 'Cap the number of callers that may wait for a pool connection.',
    libraries: LIBRARIES,
    messages: {
      unbounded: '{{library}} pool queues waiting callers without limit by default: set {{option}}',
      disabled: '{{library}} {{option}} = {{value}} means no limit on waiting callers: set a finite cap',
    },
    optionsSchema: z.strictObject({}),
    defaultOptions: {},
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      const facet = config.facets.queueLimit;
      if (!facet || facet.origin === 'unknown' || facet.value !== Infinity) continue;
      // mysql2 waitForConnections: false errors at once instead of queueing: there is no queue to cap.
      const wait = config.options['waitForConnections'];
      if (wait && (wait.origin === 'unknown' || wait.value === false || wait.value === 'false')) continue;
      const messageId = facet.origin === 'default' ? 'unbounded' : 'disabled';
      context.report({ config, position: facet.origin === 'set' ? facet.position : undefined, messageId, data: optionData(config, facet.option) });
    }
  },
});
