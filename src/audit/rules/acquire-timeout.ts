// WAIT001: a pool checkout must have a bounded wait; pg, generic-pool, MongoDB and TypeORM/pg wait forever by default.
import { z } from 'zod';
import { configsOf, defineRule } from './types.js';
import { knownNumber, libraryLabel, optionLabel, showValue } from '../rule-kit/describe.js';

/** Libraries whose pools have an acquire timeout setting (mysql2 has none: see mysql-unboundable-wait). */
const LIBRARIES = ['generic-pool', 'knex', 'mariadb', 'mongodb', 'mssql', 'pg', 'prisma', 'sequelize', 'tarn', 'typeorm'];

/** Above a minute a request has long timed out upstream (load balancers default to 60 s); the wait only hides saturation. */
const DEFAULT_MAX_MS = 60_000;

export const acquireTimeout = defineRule({
  meta: {
    id: 'acquire-timeout',
    code: 'WAIT001',
    defaultSeverity: 'error',
    description: 'Require a bounded wait when checking a connection out of a full pool.',
    libraries: LIBRARIES,
    messages: {
      waitsForever: '{{library}} pool waits forever for a free connection by default: set {{option}}',
      disabled: '{{library}} {{option}} = {{value}} disables the acquire timeout: a full pool hangs callers forever',
      tooLong: '{{library}} {{option}} = {{value}} ms exceeds {{maxMs}} ms: callers wait longer than any upstream timeout',
    },
    optionsSchema: z.strictObject({ maxMs: z.number().positive() }),
    defaultOptions: { maxMs: DEFAULT_MAX_MS },
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      const facet = config.facets.acquireTimeoutMs;
      const value = knownNumber(facet);
      if (!facet || value === undefined) continue;
      const option = optionLabel(facet.option, config.options[facet.option]);
      const data = { library: libraryLabel(config), option };
      if (value === Infinity && facet.origin === 'default') context.report({ config, messageId: 'waitsForever', data });
      else if (value === Infinity) context.report({ config, position: facet.position, messageId: 'disabled', data: { ...data, value: showValue(config.options[facet.option]?.value) } });
      else if (value > context.options.maxMs) context.report({ config, position: facet.position, messageId: 'tooLong', data: { ...data, value, maxMs: context.options.maxMs } });
    }
  },
});
