// The explicit, sorted registry of library knowledge; a duplicate id fails at load.
import { bull } from './bull.js';
import { bullmq } from './bullmq.js';
import { genericPool } from './generic-pool.js';
import { httpAgent } from './http-agent.js';
import { ioredis } from './ioredis.js';
import { knex } from './knex.js';
import type { LibraryDefinition } from './library.js';
import { lruCache } from './lru-cache.js';
import { mariadb } from './mariadb.js';
import { mongodb } from './mongodb.js';
import { mssql } from './mssql.js';
import { mysql2 } from './mysql2.js';
import { nodeCache } from './node-cache.js';
import { nodeRedis } from './node-redis.js';
import { pg } from './pg.js';
import { prisma } from './prisma.js';
import { sequelize } from './sequelize.js';
import { socketIo } from './socket-io.js';
import { tarn } from './tarn.js';
import { typeorm } from './typeorm.js';
import { undici } from './undici.js';
import { ws } from './ws.js';

const DEFINITIONS: LibraryDefinition[] = [
  bull, bullmq, genericPool, httpAgent, ioredis, knex, lruCache, mariadb, mongodb, mssql, mysql2, nodeCache, nodeRedis, pg, prisma, sequelize, socketIo, tarn, typeorm, undici, ws,
];

/** Builds the id → definition map, refusing duplicates and unsorted entries so the registry stays reviewable. */
export function buildRegistry(definitions: LibraryDefinition[]): ReadonlyMap<string, LibraryDefinition> {
  const registry = new Map<string, LibraryDefinition>();
  let previous = '';
  for (const definition of definitions) {
    if (registry.has(definition.id)) throw new Error(`duplicate library id in src/pools/index.ts: ${definition.id}`);
    if (definition.id < previous) throw new Error(`src/pools/index.ts is not sorted: ${definition.id} after ${previous}`);
    registry.set(definition.id, definition);
    previous = definition.id;
  }
  return registry;
}

export const LIBRARIES: ReadonlyMap<string, LibraryDefinition> = buildRegistry(DEFINITIONS);

export function getLibrary(id: string): LibraryDefinition {
  const definition = LIBRARIES.get(id);
  if (!definition) throw new Error(`unknown library id: ${id}`);
  return definition;
}

export type { LibraryDefinition } from './library.js';
