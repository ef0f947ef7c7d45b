// Table tests for node-cache-bounded (CACHE001, node-cache).
import { nodeCacheBounded } from '../../../src/audit/rules/node-cache-bounded.js';
import { ruleTable } from './harness.js';

ruleTable(nodeCacheBounded, {
  valid: [
    { name: 'stdTTL with the default checkperiod (600 s)', pools: [{ library: 'node-cache', options: { stdTTL: 300 } }] },
    { name: 'maxKeys set', pools: [{ library: 'node-cache', options: { maxKeys: 10_000 } }] },
    { name: 'stdTTL from an env var without fallback', pools: [{ library: 'node-cache', unknown: ['stdTTL'] }] },
    { name: 'maxKeys bounds even when checkperiod is 0', pools: [{ library: 'node-cache', options: { stdTTL: 60, checkperiod: 0, maxKeys: 100 } }] },
  ],
  invalid: [
    { name: 'defaults: forever and unlimited', pools: [{ library: 'node-cache' }], errors: [{ messageId: 'unbounded', data: { library: 'node-cache' } }] },
    { name: 'stdTTL 0 and maxKeys -1 written', pools: [{ library: 'node-cache', options: { stdTTL: 0, maxKeys: -1, useClones: false } }], errors: [{ messageId: 'unbounded' }] },
    { name: 'ttl but checkperiod 0', pools: [{ library: 'node-cache', options: { stdTTL: 60, checkperiod: 0 } }], errors: [{ messageId: 'neverSwept', data: { option: 'checkperiod', value: '0' } }] },
  ],
});
