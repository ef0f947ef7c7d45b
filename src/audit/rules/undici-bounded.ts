// HTTP001 (undici): a Pool/Agent needs a finite `connections`; headers/body timeouts must not be switched off.
import { isSet, optionNumber, reportOption } from '../rule-kit/bounds.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

const LIBRARIES = ['undici'];

/** undici: 0 disables these timeouts (default 300 s each); a stalled upstream then holds the socket forever. */
const TIMEOUT_KEYS = ['headersTimeout', 'bodyTimeout'];

export const undiciBounded = defineRule({
  meta: {
    id: 'undici-bounded',
    code: 'HTTP001',
    defaultSeverity: 'error',
    description: 'Give every undici Pool and Agent a finite connection count and keep its response timeouts on.',
    libraries: LIBRARIES,
    messages: {
      unbounded: 'undici {{construct}} opens unlimited connections per origin by default: set connections',
      timeoutDisabled: 'undici {{option}} = 0 disables the timeout: a stalled upstream holds the socket forever',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      // A Client is one connection by construction; written 0/null sentinels are no-unlimited-sentinel's findings.
      const connections = config.options['connections'];
      if (config.context.role !== 'client' && connections?.origin === 'default') {
        context.report({ config, messageId: 'unbounded', data: { library: 'undici', construct: config.construct } });
      }
      for (const key of TIMEOUT_KEYS) {
        if (isSet(config.options[key]) && optionNumber(config.options[key]) === 0) reportOption(context, config, key, 'timeoutDisabled');
      }
    }
  },
});
