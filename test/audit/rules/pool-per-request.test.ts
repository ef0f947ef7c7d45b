// Table tests for pool-per-request (SCOPE001).
import { poolPerRequest } from '../../../src/audit/rules/pool-per-request.js';
import { ruleTable } from './harness.js';

ruleTable(poolPerRequest, {
  valid: [
    { name: 'module level', pools: [{ library: 'pg' }] },
    { name: 'a factory function is fine by default', pools: [{ library: 'mysql2', context: { inFunction: true } }] },
    { name: 'caches are not pools', pools: [{ library: 'lru-cache', options: { max: 5 }, context: { inFunction: true, inHandler: true } }] },
  ],
  invalid: [
    { name: 'pg Pool in a handler', pools: [{ library: 'pg', context: { inFunction: true, inHandler: true } }], errors: [{ messageId: 'inHandler', data: { construct: 'pg' } }] },
    { name: 'ioredis in a handler', pools: [{ library: 'ioredis', context: { inFunction: true, inHandler: true } }], errors: [{ messageId: 'inHandler' }] },
    { name: 'any function with reportFunctions', pools: [{ library: 'mongodb', context: { inFunction: true } }], ruleOptions: { reportFunctions: true }, errors: [{ messageId: 'inFunction' }] },
  ],
});
