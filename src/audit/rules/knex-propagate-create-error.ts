// knex#3362: pool.propagateCreateError false makes every query wait out the acquire timeout when the database is down.
import { reportOption } from '../rule-kit/bounds.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

const LIBRARIES = ['knex'];

export const knexPropagateCreateError = defineRule({
  meta: {
    id: 'knex-propagate-create-error',
    code: 'knex#3362',
    defaultSeverity: 'warning',
    description: 'Do not set knex pool.propagateCreateError to false.',
    libraries: LIBRARIES,
    messages: {
      swallowed: '{{library}} pool.propagateCreateError = false: connection errors are retried silently until the acquire timeout ("Timeout acquiring a connection") instead of failing fast',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      const value = config.options['pool.propagateCreateError'];
      if (value?.origin === 'set' && (value.value === false || value.value === 'false')) reportOption(context, config, 'pool.propagateCreateError', 'swallowed');
    }
  },
});
