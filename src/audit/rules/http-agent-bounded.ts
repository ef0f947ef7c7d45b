// HTTP001: a custom http/https Agent needs a socket cap and a socket timeout; `new Agent()` has neither.
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

export const httpAgentBounded = defineRule({
  meta: {
    id: 'http-agent-bounded',
    code: 'HTTP001',
    defaultSeverity: 'warning',
    description: 'Give every custom http/https Agent a finite maxSockets (or maxTotalSockets) and a socket timeout.',
    libraries: ['http-agent'],
    messages: {
      unboundedSockets: '{{construct}} opens unlimited sockets per host (maxSockets and maxTotalSockets are Infinity): set maxSockets',
      noTimeout: '{{construct}} has no socket timeout (the globalAgent has 5000 ms since Node 19, new Agents have none): set timeout',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, ['http-agent'])) {
      const { maxSockets, maxTotalSockets, timeout } = config.options;
      const bounded = (value: typeof maxSockets) => value.origin === 'unknown' || (typeof value.value === 'number' && Number.isFinite(value.value));
      if (!bounded(maxSockets) && !bounded(maxTotalSockets)) context.report({ config, position: maxSockets.position, messageId: 'unboundedSockets', data: { construct: config.construct } });
      if (timeout.origin === 'default' || (timeout.origin === 'set' && !timeout.value)) context.report({ config, position: timeout.position, messageId: 'noTimeout', data: { construct: config.construct } });
    }
  },
});
