// LIFE001: connections should be recycled after a maximum lifetime (pg maxLifetimeSeconds, knex, Prisma ≤ 6).
import { z } from 'zod';
import { checkBound } from '../rule-kit/bounds.js';
import { libraryLabel } from '../rule-kit/describe.js';
import { configsOf, defineRule } from './types.js';

/** Libraries with a lifetime option; all default to "kept forever". */
const SUPPORTED = ['knex', 'pg', 'prisma'];
/** Libraries with no lifetime option at all (generic-pool#133, PR #303 still open; mysql2, tarn). */
const UNSUPPORTED = ['generic-pool', 'mysql2', 'tarn'];
const LIBRARIES = [...SUPPORTED, ...UNSUPPORTED].sort();

/** Prisma 7 reads pool settings from its driver adapter, not from `?max_connection_lifetime=` (dead-keys reports that). */
const FIRST_PRISMA_ADAPTER_MAJOR = 7;

export const maxLifetime = defineRule({
  meta: {
    id: 'max-lifetime',
    code: 'LIFE001',
    defaultSeverity: 'warning',
    description: 'Recycle pooled connections after a maximum lifetime shorter than any database or infrastructure limit.',
    libraries: LIBRARIES,
    messages: {
      missing: '{{library}} keeps connections forever by default: set {{option}} a little below your database/proxy connection limit',
      disabled: '{{library}} {{option}} = {{value}} disables connection recycling: connections live forever',
      tooLong: '{{library}} {{option}} = {{ms}} ms exceeds {{maxMs}} ms: connections outlive the limit you declared',
      unsupported: '{{library}} has no max-lifetime option: connections live until they break; recycle them another way',
    },
    optionsSchema: z.strictObject({ maxMs: z.number().positive().optional(), reportUnsupported: z.boolean() }),
    defaultOptions: { reportUnsupported: false },
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      if (UNSUPPORTED.includes(config.library)) {
        // Nothing to change in this config, so it is opt-in: an unfixable finding trains people to suppress.
        if (context.options.reportUnsupported) context.report({ config, messageId: 'unsupported', data: { library: libraryLabel(config) } });
        continue;
      }
      if (config.library === 'prisma' && (config.version.major >= FIRST_PRISMA_ADAPTER_MAJOR || config.database === 'mongodb')) continue;
      // SQLite files have no server-side connection limit to stay under.
      if (config.database === 'sqlite') continue;
      checkBound(context, config, config.facets.maxLifetimeMs, { missing: 'missing', disabled: 'disabled', tooLong: 'tooLong' }, context.options.maxMs);
    }
  },
});
