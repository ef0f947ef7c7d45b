// WAIT003: a generic-pool wait queue needs a length cap (maxWaitingClients is unlimited by default).
import { optionData } from '../rule-kit/bounds.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

/**
 * Libraries with a queue-length option checked here. mysql2's queueLimit is checked together with its missing
 * acquire timeout by mysql-unboundable-wait; pg, tarn and Sequelize have no cap, only acquire-timeout.
 */
const LIBRARIES = ['generic-pool'];

export const queueCap = defineRule({
  meta: {
    id: 'queue-cap',
    code: 'WAIT003',
    defaultSeverity: 'error',
    description: 'Cap the number of callers that may wait for a pool resource.',
    libraries: LIBRARIES,
    messages: {
      unbounded: '{{library}} pool queues waiting callers without limit by default: set {{option}}',
      disabled: '{{library}} {{option}} = {{value}} means no limit on waiting callers: set a finite cap',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      const facet = config.facets.queueLimit;
      if (!facet || facet.origin === 'unknown' || facet.value !== Infinity) continue;
      const messageId = facet.origin === 'default' ? 'unbounded' : 'disabled';
      context.report({ config, position: facet.origin === 'set' ? facet.position : undefined, messageId, data: optionData(config, facet.option) });
    }
  },
});
