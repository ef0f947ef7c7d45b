// Table tests for prisma-cpu-implicit (POOL004).
import { prismaCpuImplicit } from '../../../src/audit/rules/prisma-cpu-implicit.js';
import { ruleTable } from './harness.js';

ruleTable(prismaCpuImplicit, {
  valid: [
    { name: 'connection_limit in the URL', pools: [{ library: 'prisma', options: { datasourceUrl: 'postgresql://db/app?connection_limit=5' } }] },
    { name: 'URL not knowable', pools: [{ library: 'prisma', opaque: ['url'] }] },
    { name: 'v7 with an adapter and no URL params', pools: [{ library: 'prisma', major: 7, options: { adapter: 'PrismaPg' } }] },
  ],
  invalid: [
    { name: 'v6 without connection_limit', pools: [{ library: 'prisma', major: 6, options: { datasourceUrl: 'postgresql://db/app?pool_timeout=5' } }], errors: [{ messageId: 'cpuDependent', data: { major: 6 } }] },
    {
      name: 'v7 ignores URL pool params',
      pools: [{ library: 'prisma', major: 7, options: { datasourceUrl: 'postgresql://db/app?connection_limit=5&pool_timeout=3' } }],
      errors: [{ messageId: 'ignoredUnderAdapters', data: { param: 'connection_limit' } }, { messageId: 'ignoredUnderAdapters', data: { param: 'pool_timeout' } }],
    },
  ],
});
