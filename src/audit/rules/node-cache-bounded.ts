// CACHE001 (node-cache): maxKeys -1 with stdTTL 0 keeps every key forever; a ttl without checkperiod never sweeps.
import { optionNumber, reportOption } from '../rule-kit/bounds.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

const LIBRARIES = ['node-cache'];

export const nodeCacheBounded = defineRule({
  meta: {
    id: 'node-cache-bounded',
    code: 'CACHE001',
    defaultSeverity: 'warning',
    description: 'Bound every node-cache by maxKeys or a stdTTL that is swept.',
    libraries: LIBRARIES,
    messages: {
      unbounded: 'node-cache keeps every key forever: maxKeys is -1 (unlimited) and stdTTL is 0; set stdTTL (seconds) or maxKeys',
      neverSwept: 'node-cache {{option}} = 0 never sweeps: keys past their stdTTL stay in memory until read again',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      const keys = ['stdTTL', 'maxKeys', 'checkperiod'];
      if (keys.some((key) => config.options[key]?.origin === 'unknown')) continue;
      const ttl = optionNumber(config.options['stdTTL']) ?? 0;
      const maxKeys = optionNumber(config.options['maxKeys']) ?? -1;
      // node-cache 5 `set`: ECACHEFULL is thrown only when maxKeys > -1, so any negative value is unlimited.
      if (ttl <= 0 && maxKeys < 0) context.report({ config, messageId: 'unbounded', data: { library: 'node-cache' } });
      else if (ttl > 0 && maxKeys < 0 && optionNumber(config.options['checkperiod']) === 0) reportOption(context, config, 'checkperiod', 'neverSwept');
    }
  },
});
