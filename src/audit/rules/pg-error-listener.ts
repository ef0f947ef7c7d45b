// ERR001: every pg Pool needs an 'error' listener, or an idle client's error crashes the process.
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

export const pgErrorListener = defineRule({
  meta: {
    id: 'pg-error-listener',
    code: 'ERR001',
    defaultSeverity: 'error',
    description: "Attach pool.on('error', …) to every pg Pool so an idle client's error does not crash the process.",
    libraries: ['pg'],
    messages: {
      missing: "pg Pool '{{variable}}' has no 'error' listener: an idle client's error (server restart, failover) crashes the process",
      unassigned: "pg Pool is not kept in a variable, so no 'error' listener can be attached: an idle client's error crashes the process",
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, ['pg'])) {
      // null: not a source construction (JSON/YAML config), where listeners are not visible.
      if (config.context.errorListener !== false) continue;
      if (config.context.variable) context.report({ config, messageId: 'missing', data: { variable: config.context.variable } });
      else context.report({ config, messageId: 'unassigned', data: {} });
    }
  },
});
