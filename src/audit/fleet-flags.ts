// Applies --replicas/--processes/--surge/--headroom/--max-connections/--reserved-connections over config fleet facts.
import { InputError } from '../errors.js';
import type { FleetFacts } from './fleet.js';
import { FleetFactsSchema } from './fleet.js';

export interface FleetFlags {
  replicas?: number;
  processes?: number;
  surge?: string;
  headroom?: number;
  'max-connections'?: number;
  'reserved-connections'?: number;
}

/** Flags win over the config file; --max-connections applies to every SQL engine (they share one meaning). */
export function applyFleetFlags(fleet: FleetFacts, flags: FleetFlags): FleetFacts {
  const surge = flags.surge === undefined ? fleet.surge : Number(flags.surge);
  if (!Number.isFinite(surge) || surge < 1) throw new InputError(`--surge must be a number ≥ 1, got ${flags.surge}`);
  const servers = { ...fleet.servers };
  if (flags['max-connections'] !== undefined || flags['reserved-connections'] !== undefined) {
    for (const engine of ['postgres', 'mysql', 'mssql'] as const) {
      const current = servers[engine] ?? { maxConnections: flags['max-connections'] ?? 0, reserved: 0 };
      if (!current.maxConnections) continue;
      servers[engine] = {
        ...current,
        maxConnections: flags['max-connections'] ?? current.maxConnections,
        reserved: flags['reserved-connections'] ?? current.reserved,
      };
    }
  }
  return FleetFactsSchema.parse({
    ...fleet,
    replicas: flags.replicas ?? fleet.replicas,
    processes: flags.processes ?? fleet.processes,
    headroom: flags.headroom ?? fleet.headroom,
    surge,
    servers,
    declared: fleet.declared || flags.replicas !== undefined || flags.processes !== undefined,
  });
}
