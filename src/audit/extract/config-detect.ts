// Recognises a plain JSON/YAML object as one library's config, from discriminators, signature keys or its parent key.
import { LIBRARIES } from '../../pools/index.js';

/** Parent keys that name a library (`postgres: {max: 20}` in a service config). */
const PARENT_KEY_LIBRARY: Record<string, string> = {
  pg: 'pg', postgres: 'pg', postgresql: 'pg', pgpool: 'pg', mysql: 'mysql2', mysql2: 'mysql2', mariadb: 'mariadb', mongo: 'mongodb', mongodb: 'mongodb',
  redis: 'ioredis', ioredis: 'ioredis', knex: 'knex', sequelize: 'sequelize', typeorm: 'typeorm', mssql: 'mssql', httpagent: 'http-agent', agent: 'http-agent',
  undici: 'undici', websocket: 'ws', ws: 'ws', socketio: 'socket.io', cache: 'lru-cache', lru: 'lru-cache', lrucache: 'lru-cache', nodecache: 'node-cache', bull: 'bull', bullmq: 'bullmq',
};

/** Two distinctive keys identify a library; one is too easily a coincidence (`max` is everywhere). */
const SIGNATURE_THRESHOLD = 2;

export function detectLibrary(object: Record<string, unknown>, parentKey: string | undefined): string | undefined {
  const keys = Object.keys(object);
  for (const library of LIBRARIES.values()) {
    const discriminator = library.configHint?.discriminator;
    const value = discriminator ? object[discriminator.key] : undefined;
    if (discriminator && typeof value === 'string' && discriminator.values.includes(value) && hasPoolKeys(library.id, object)) return library.id;
  }
  const byParent = parentKey ? PARENT_KEY_LIBRARY[parentKey.toLowerCase().replace(/[-_]/g, '')] : undefined;
  if (byParent && keys.some((key) => knownKeys(byParent).has(key))) return byParent;
  let best: { id: string; score: number } | undefined;
  for (const library of LIBRARIES.values()) {
    const signature = library.configHint?.signatureKeys ?? [];
    const score = signature.filter((key) => key in object).length;
    if (score >= SIGNATURE_THRESHOLD && (!best || score > best.score)) best = { id: library.id, score };
  }
  return best?.id;
}

const KNOWN_KEYS = new Map<string, Set<string>>();

/** Top-level option names of a library (`pool.max` contributes `pool`). */
function knownKeys(id: string): Set<string> {
  let keys = KNOWN_KEYS.get(id);
  if (!keys) {
    const library = LIBRARIES.get(id);
    keys = new Set((library?.options ?? []).flatMap((spec) => [spec.key, ...(spec.aliases ?? [])]).map((key) => key.split('.')[0]));
    KNOWN_KEYS.set(id, keys);
  }
  return keys;
}

/** A discriminator alone (`type: postgres`) is not a pool config unless pool-ish keys sit beside it. */
function hasPoolKeys(id: string, object: Record<string, unknown>): boolean {
  const keys = knownKeys(id);
  return Object.keys(object).some((key) => keys.has(key) || ['host', 'connection', 'url', 'port', 'database'].includes(key));
}
