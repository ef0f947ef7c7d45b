// SCOPE001: pools and clients are long-lived objects; constructing one per request leaks connections.
import { z } from 'zod';
import { configsOf, defineRule } from './types.js';

const LIBRARIES = ['http-agent', 'ioredis', 'knex', 'mariadb', 'mongodb', 'mssql', 'mysql2', 'node-redis', 'pg', 'prisma', 'sequelize', 'typeorm', 'undici'];

export const poolPerRequest = defineRule({
  meta: {
    id: 'pool-per-request',
    code: 'SCOPE001',
    defaultSeverity: 'warning',
    description: 'Create pools, clients and agents once per process, not inside request handlers or per call.',
    libraries: LIBRARIES,
    messages: {
      inHandler: '{{construct}} inside a request handler opens a new pool per request: create it once at module level and reuse it',
      inFunction: '{{construct}} inside a function: make sure it runs once per process, not per call',
    },
    optionsSchema: z.strictObject({
      /** Also report constructions in any function (factories included), not only in handler-looking ones. */
      reportFunctions: z.boolean(),
    }),
    defaultOptions: { reportFunctions: false },
  },
  check(context) {
    for (const config of configsOf(context, LIBRARIES)) {
      if (config.context.inHandler) context.report({ config, messageId: 'inHandler', data: { construct: config.construct } });
      else if (config.context.inFunction && context.options.reportFunctions) context.report({ config, messageId: 'inFunction', data: { construct: config.construct } });
    }
  },
});
