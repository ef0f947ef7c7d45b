// POOL001: every database pool states its size; implicit defaults range over 1, 5, 10, 100 and CPU-dependent.
import { configsOf, defineRule, NO_OPTIONS } from './types.js';
import { libraryLabel, showValue } from '../rule-kit/describe.js';

const LIBRARIES = ['generic-pool', 'knex', 'mariadb', 'mongodb', 'mssql', 'mysql2', 'pg', 'sequelize', 'tarn', 'typeorm'];

export const maxExplicit = defineRule({
  meta: {
    id: 'max-explicit',
    code: 'POOL001',
    defaultSeverity: 'warning',
    description: 'Set every pool size explicitly, so fleet connection math is possible and visible in review.',
    libraries: LIBRARIES,
    messages: {
      implicit: '{{library}} pool size is implicit (default {{value}}): set {{option}} explicitly',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      const facet = config.facets.maxSize;
      // "unknown" (an env var without fallback, an opaque spread) is set somewhere we cannot see: not implicit.
      if (!facet || facet.origin !== 'default') continue;
      context.report({ config, messageId: 'implicit', data: { library: libraryLabel(config), option: facet.option, value: showValue(config.options[facet.option]?.value ?? facet.value) } });
    }
  },
});
