// POOL004: Prisma ≤ 6 without connection_limit sizes each client's pool from the host's CPU count.
import { configsOf, defineRule, NO_OPTIONS } from './types.js';

/** Prisma 7 moved pooling to driver adapters; URL pool params are no longer read. */
const FIRST_ADAPTER_MAJOR = 7;

export const prismaCpuImplicit = defineRule({
  meta: {
    id: 'prisma-cpu-implicit',
    code: 'POOL004',
    defaultSeverity: 'warning',
    description: 'Set connection_limit on Prisma datasource URLs; the default depends on the CPU count of whatever host runs it.',
    libraries: ['prisma'],
    messages: {
      cpuDependent: 'Prisma {{major}} pool size is physical cores × 2 + 1 per PrismaClient per process when connection_limit is unset: add ?connection_limit= to the datasource URL',
      ignoredUnderAdapters: 'Prisma {{major}} uses driver adapters: URL parameter {{param}} is not read; configure the adapter (e.g. new PrismaPg({ max, connectionTimeoutMillis }))',
    },
    ...NO_OPTIONS,
  },
  check(context) {
    for (const config of configsOf(context, ['prisma'])) {
      const limit = config.options.connection_limit;
      const major = config.version.major;
      if (major < FIRST_ADAPTER_MAJOR) {
        if (limit.origin === 'default' && config.options.adapter.origin !== 'set') context.report({ config, messageId: 'cpuDependent', data: { major } });
        continue;
      }
      for (const param of ['connection_limit', 'pool_timeout', 'socket_timeout'] as const) {
        const value = config.options[param];
        if (value.origin === 'set' && value.via === 'url') context.report({ config, position: value.position, messageId: 'ignoredUnderAdapters', data: { major, param } });
      }
    }
  },
});
