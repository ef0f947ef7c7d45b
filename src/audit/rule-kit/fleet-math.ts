// Fleet arithmetic shared by budget rules: how many copies of each per-process count run at once.
import type { PoolConfig } from '../../pools/model.js';
import type { FleetFacts } from '../fleet.js';
import type { MessageData } from '../rules/types.js';

/** perProcess × replicas × processes × rollout surge, rounded up, plus headroom (admin, migrations, monitoring). */
export function fleetTotal(perProcess: number, fleet: FleetFacts, withHeadroom = true): number {
  return Math.ceil(perProcess * fleet.replicas * fleet.processes * fleet.surge) + (withHeadroom ? fleet.headroom : 0);
}

/** The multipliers as message data, so every budget message shows its arithmetic the same way. */
export function fleetData(fleet: FleetFacts): MessageData {
  return { replicas: fleet.replicas, processes: fleet.processes, surge: fleet.surge, headroom: fleet.headroom };
}

/** Sequelize with `replication` opens a read pool and a write pool, each with the full max (initPools). */
export function poolCopies(config: PoolConfig): number {
  return config.library === 'sequelize' && config.options['replication']?.origin === 'set' ? 2 : 1;
}
