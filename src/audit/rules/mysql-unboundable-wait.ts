// WAIT002: mysql2 has no acquire timeout; only queueLimit or waitForConnections:false bound a checkout.
import { configsOf, defineRule, NO_OPTIONS } from './types.js';
import { optionLabel } from '../rule-kit/describe.js';

export const mysqlUnboundableWait = defineRule({
  meta: {
    id: 'mysql-unboundable-wait',
    code: 'WAIT002',
    defaultSeverity: 'warning',
    description: 'Bound mysql2 pool waits with queueLimit or waitForConnections:false; acquireTimeout is not a mysql2 option.',
    libraries: ['mysql2', 'typeorm'],
    messages: {
      unboundedWait: 'mysql2 pool has no acquire timeout and an unbounded queue ({{option}} = {{value}}): a full pool queues callers forever; set queueLimit > 0 or waitForConnections: false, and time out in the app',
      acquireTimeoutIgnored: 'acquireTimeout ({{library}} config) is ignored: mysql2 has no acquire timeout, so it does not bound the wait',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, ['mysql2'])) {
      const { queueLimit, waitForConnections } = config.options;
      const queueUnbounded = config.facets.queueLimit?.origin !== 'unknown' && config.facets.queueLimit?.value === Infinity;
      if (queueUnbounded && waitForConnections.origin !== 'unknown' && waitForConnections.value !== false) {
        context.report({ config, position: queueLimit.position, messageId: 'unboundedWait', data: { option: optionLabel('queueLimit', queueLimit), value: String(queueLimit.value ?? 0) } });
      }
      const ignored = config.unknownKeys.find((key) => key.key === 'acquireTimeout');
      if (ignored) context.report({ config, position: ignored.position, messageId: 'acquireTimeoutIgnored', data: { library: 'mysql2' } });
    }
    for (const config of configsOf(context, ['typeorm'])) {
      if (config.database !== 'mysql' || config.options.acquireTimeout?.origin !== 'set') continue;
      context.report({ config, position: config.options.acquireTimeout.position, messageId: 'acquireTimeoutIgnored', data: { library: 'typeorm' } });
    }
  },
});
