// Fleet arithmetic shared by budget rules: how many copies of each per-process count run at once.
import type { FleetFacts } from '../fleet.js';
import type { MessageData } from './types.js';

/** perProcess × replicas × processes × rollout surge, rounded up, plus headroom (admin, migrations, monitoring). */
export function fleetTotal(perProcess: number, fleet: FleetFacts, withHeadroom = true): number {
  return Math.ceil(perProcess * fleet.replicas * fleet.processes * fleet.surge) + (withHeadroom ? fleet.headroom : 0);
}

/** The multipliers as message data, so every budget message shows its arithmetic the same way. */
export function fleetData(fleet: FleetFacts): MessageData {
  return { replicas: fleet.replicas, processes: fleet.processes, surge: fleet.surge, headroom: fleet.headroom };
}
