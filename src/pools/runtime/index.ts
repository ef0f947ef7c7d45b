// The registry of live-pool knowledge, in matching order: a shape that two libraries could share goes to the
// more specific one first. A duplicate library id fails at load.
import { genericPoolRuntime } from './generic-pool.js';
import { httpAgentRuntime } from './http-agent.js';
import { ioredisRuntime } from './ioredis.js';
import { lruCacheRuntime } from './lru-cache.js';
import { mysql2Runtime } from './mysql2.js';
import { pgRuntime } from './pg.js';
import { socketIoRuntime } from './socket-io.js';
import { tarnRuntime } from './tarn.js';
import type { RuntimePoolLibrary } from './types.js';
import { undiciRuntime } from './undici.js';

export const RUNTIME_POOL_LIBRARIES: readonly RuntimePoolLibrary[] = [
  pgRuntime,
  mysql2Runtime,
  genericPoolRuntime,
  tarnRuntime,
  ioredisRuntime,
  undiciRuntime,
  httpAgentRuntime,
  socketIoRuntime,
  lruCacheRuntime,
];

const seen = new Set<string>();
for (const entry of RUNTIME_POOL_LIBRARIES) {
  if (seen.has(entry.library)) throw new Error(`duplicate runtime pool library ${entry.library}`);
  seen.add(entry.library);
}

export type { RuntimePoolLibrary, RuntimeReading, HeapShape } from './types.js';
