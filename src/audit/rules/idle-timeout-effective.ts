// IDLE001: an idle timeout that the pool never applies (generic-pool without an evictor, mysql2 maxIdle = limit …).
import { z } from 'zod';
import { isSet, optionData } from '../rule-kit/bounds.js';
import { IDLE_LIBRARIES, idleBlocker, idleTimeoutKey } from '../rule-kit/idle.js';
import { configsOf, defineRule } from './types.js';

export const idleTimeoutEffective = defineRule({
  meta: {
    id: 'idle-timeout-effective',
    code: 'IDLE001',
    defaultSeverity: 'error',
    description: 'Make sure the idle timeout you set can actually close idle connections.',
    libraries: IDLE_LIBRARIES,
    messages: {
      needsEviction: '{{library}} {{option}} has no effect: the evictor never runs unless {{fix}} > 0',
      needsMaxIdle: '{{library}} {{option}} has no effect: the idle reaper only starts when {{fix}} < connectionLimit',
      needsMinimumIdle: '{{library}} {{option}} has no effect: only connections above {{fix}} (default connectionLimit) are closed',
      fixedPool: '{{library}} {{option}} has no effect: tarn closes only connections above {{fix}}, and {{fix}} ≥ max',
    },
    optionsSchema: z.strictObject({ reportDefaults: z.boolean() }),
    defaultOptions: { reportDefaults: false },
  },
  check(context) {
    for (const config of configsOf(context, IDLE_LIBRARIES)) {
      const key = idleTimeoutKey(config);
      const idle = key ? config.options[key] : undefined;
      if (!key || !idle || idle.origin === 'unknown') continue;
      // A written idle timeout that cannot fire is a bug; the library's own inert default is reported on request only.
      if (!isSet(idle) && !context.options.reportDefaults) continue;
      // mariadb idleTimeout 0 means "never" on purpose: nothing to make effective.
      if (idle.value === 0) continue;
      const blocker = idleBlocker(config);
      if (!blocker) continue;
      context.report({ config, position: idle.position, messageId: blocker.messageId, data: optionData(config, key, { fix: blocker.fix }) });
    }
  },
});
