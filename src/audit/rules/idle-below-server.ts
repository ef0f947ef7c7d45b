// IDLE003: MySQL closes idle sessions after wait_timeout (8 h); a pool must close or recycle them first.
import { z } from 'zod';
import type { PoolConfig } from '../../pools/model.js';
import { knownNumber, libraryLabel } from '../rule-kit/describe.js';
import { idleBlocker, keptIdle } from '../rule-kit/idle.js';
import { configsOf, defineRule } from './types.js';

const LIBRARIES = ['knex', 'mariadb', 'mysql2', 'sequelize'];

/** MySQL/MariaDB wait_timeout default: 28800 s. */
const MYSQL_DEFAULT_WAIT_TIMEOUT_MS = 28_800_000;

/** How long an idle connection may stay open: ms, Infinity with the reason and fix, or undefined when unknowable. */
interface IdleLife {
  ms: number;
  option: string;
  why?: string;
  fix?: string;
}

function idleLife(config: PoolConfig): IdleLife | undefined {
  const idle = config.facets.idleTimeoutMs;
  const idleMs = knownNumber(idle);
  if (config.library === 'mysql2' || config.library === 'mariadb') {
    const blocker = idleBlocker(config);
    if (blocker === undefined) return undefined;
    if (blocker) return { ms: Infinity, option: blocker.fix, why: `${blocker.fix} is not below connectionLimit, so the idle reaper closes nothing`, fix: `set ${blocker.fix} below connectionLimit` };
  } else {
    // tarn (knex) and sequelize-pool keep `min` connections whatever the idle timeout; a knex lifetime recycles them.
    const kept = keptIdle(config);
    const lifetime = knownNumber(config.facets.maxLifetimeMs);
    if (kept === undefined) return undefined;
    if (kept > 0 && lifetime !== undefined && lifetime !== Infinity) return { ms: lifetime, option: config.facets.maxLifetimeMs?.option ?? '' };
    if (kept > 0) return { ms: Infinity, option: 'pool.min', why: `pool.min = ${kept} connections are never closed when idle`, fix: 'set pool.min: 0' };
  }
  if (idleMs === undefined || !idle) return undefined;
  return idleMs === Infinity ? { ms: Infinity, option: idle.option, why: `${idle.option} disables idle closing`, fix: `set ${idle.option}` } : { ms: idleMs, option: idle.option };
}

export const idleBelowServer = defineRule({
  meta: {
    id: 'idle-below-server',
    code: 'IDLE003',
    defaultSeverity: 'warning',
    description: 'Close idle MySQL connections before the server\'s wait_timeout does.',
    libraries: LIBRARIES,
    messages: {
      neverClosed: '{{library}} never closes idle connections ({{why}}); MySQL kills them after wait_timeout ({{serverIdleMs}} ms) and the next query fails: {{fix}}',
      aboveServer: '{{library}} {{option}} = {{ms}} ms is not below the server\'s wait_timeout ({{serverIdleMs}} ms): idle connections die on the server first',
    },
    optionsSchema: z.strictObject({ serverIdleMs: z.number().positive() }),
    defaultOptions: { serverIdleMs: MYSQL_DEFAULT_WAIT_TIMEOUT_MS },
  },
  check(context) {
    const { serverIdleMs } = context.options;
    for (const config of configsOf(context, LIBRARIES)) {
      if (config.database !== 'mysql') continue;
      const life = idleLife(config);
      if (!life || life.ms < serverIdleMs) continue;
      const data = { library: libraryLabel(config), option: life.option, serverIdleMs };
      if (life.ms === Infinity) context.report({ config, position: config.options[life.option]?.position, messageId: 'neverClosed', data: { ...data, why: life.why ?? '', fix: life.fix ?? '' } });
      else context.report({ config, position: config.options[life.option]?.position, messageId: 'aboveServer', data: { ...data, ms: life.ms } });
    }
  },
});
