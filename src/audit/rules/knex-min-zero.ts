// IDLE002: knex keeps pool.min connections open forever (default 2); the knex docs recommend min 0.
import { optionNumber, reportOption } from '../rule-kit/bounds.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

const LIBRARIES = ['knex'];

export const knexMinZero = defineRule({
  meta: {
    id: 'knex-min-zero',
    code: 'IDLE002',
    defaultSeverity: 'warning',
    description: 'Set knex pool.min to 0 so idle connections can be released.',
    libraries: LIBRARIES,
    messages: {
      defaultMin: '{{library}} pool.min defaults to 2: those connections are never released and go stale; set pool.min: 0',
      setMin: '{{library}} {{option}} = {{value}} keeps that many connections open forever (tarn reaps only above min); use 0',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      // SQLite is a file: an open handle is not a server connection that goes stale.
      if (config.database === 'sqlite') continue;
      const min = config.options['pool.min'];
      if (!min || min.origin === 'unknown' || (optionNumber(min) ?? 0) <= 0) continue;
      reportOption(context, config, 'pool.min', min.origin === 'default' ? 'defaultMin' : 'setMin');
    }
  },
});
