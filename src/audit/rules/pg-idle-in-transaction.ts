// TIME003: PostgreSQL sessions should end transactions left idle (idle_in_transaction_session_timeout; server default off).
import type { FacetValue, PoolConfig } from '../../pools/model.js';
import { checkBound, optionFacet } from '../rule-kit/bounds.js';
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

const LIBRARIES = ['knex', 'pg', 'typeorm'];

/** Where each library carries the pg startup parameter (TypeORM: `extra` is spread into the pg.Pool options). */
const KEYS: Readonly<Record<string, string>> = {
  knex: 'connection.idle_in_transaction_session_timeout',
  pg: 'idle_in_transaction_session_timeout',
  typeorm: 'extra.idle_in_transaction_session_timeout',
};

/** PostgreSQL reads 0 as "off" whatever the library file declares. */
function timeoutFacet(config: PoolConfig): FacetValue | undefined {
  const facet = optionFacet(config, KEYS[config.library]);
  return facet?.value === 0 ? { ...facet, value: Infinity } : facet;
}

export const pgIdleInTransaction = defineRule({
  meta: {
    id: 'pg-idle-in-transaction',
    code: 'TIME003',
    defaultSeverity: 'warning',
    description: 'Set idle_in_transaction_session_timeout so a forgotten transaction cannot pin a connection and its locks.',
    libraries: LIBRARIES,
    messages: {
      missing: '{{library}} sessions keep transactions left open forever (server default 0): set {{option}}',
      disabled: '{{library}} {{option}} = {{value}} turns it off: a leaked transaction pins its connection and locks',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      if (config.database !== 'postgres') continue;
      checkBound(context, config, timeoutFacet(config), { missing: 'missing', disabled: 'disabled' });
    }
  },
});
