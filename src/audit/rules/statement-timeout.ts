// TIME002: queries need a bound (pg statement_timeout, mssql requestTimeout, mariadb queryTimeout, mongodb socketTimeoutMS).
import { z } from 'zod';
import { checkBound } from '../rule-kit/bounds.js';
import { configsOf, defineRule } from './types.js';

/** Libraries whose statementTimeoutMs facet is a per-query bound; all but mssql default to "no limit". */
const LIBRARIES = ['mariadb', 'mongodb', 'mssql', 'pg'];

export const statementTimeout = defineRule({
  meta: {
    id: 'statement-timeout',
    code: 'TIME002',
    defaultSeverity: 'warning',
    description: 'Bound how long one query may run and hold its connection.',
    libraries: LIBRARIES,
    messages: {
      missing: '{{library}} queries run without a time limit by default: set {{option}}',
      disabled: '{{library}} {{option}} = {{value}} disables the query time limit: one runaway query holds a connection forever',
      tooLong: '{{library}} {{option}} = {{ms}} ms exceeds {{maxMs}} ms: a stuck query pins its connection that long',
    },
    optionsSchema: z.strictObject({ maxMs: z.number().positive().optional() }),
    defaultOptions: {},
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      checkBound(context, config, config.facets.statementTimeoutMs, { missing: 'missing', disabled: 'disabled', tooLong: 'tooLong' }, context.options.maxMs);
    }
  },
});
