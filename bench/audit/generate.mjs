// Generates a deterministic 5,000-file TypeScript repository with pools scattered through it into ../out/audit-repo.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = Number(process.env.BENCH_FILES ?? 5000);
/** One file in POOL_EVERY constructs a pool, client, agent or cache: roughly a real service's density. */
const POOL_EVERY = 25;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'audit-repo');

// Seeded LCG so every run generates the same tree (Numerical Recipes constants).
let seed = 42;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);

const POOLS = [
  (n) => `import { Pool } from 'pg';\nexport const pool${n} = new Pool({ max: ${5 + (n % 20)}, idleTimeoutMillis: 30_000 });\n`,
  (n) => `import mysql from 'mysql2/promise';\nexport const pool${n} = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: Number(process.env.LIMIT ?? ${n % 30}) });\n`,
  (n) => `import Redis from 'ioredis';\nexport const redis${n} = new Redis({ maxRetriesPerRequest: null });\n`,
  (n) => `import https from 'node:https';\nexport const agent${n} = new https.Agent({ keepAlive: true });\n`,
  (n) => `import knex from 'knex';\nconst POOL = { min: 2, max: ${n % 12} };\nexport const db${n} = knex({ client: 'pg', pool: { ...POOL } });\n`,
  (n) => `import { LRUCache } from 'lru-cache';\nexport const cache${n} = new LRUCache<string, string>({ ttl: 60_000 });\n`,
];

function plainModule(n) {
  const lines = [`// Generated module ${n}.`, `import { helper${(n + 1) % 50} } from '../shared/helpers';`, ''];
  const functions = 3 + Math.floor(random() * 6);
  for (let index = 0; index < functions; index++) {
    lines.push(
      `export interface Record${n}_${index} { id: string; count: number; tags: string[] }`,
      `export async function handle${n}_${index}(input: Record${n}_${index}): Promise<number> {`,
      `  const total = input.tags.reduce((sum, tag) => sum + tag.length, 0);`,
      `  if (total > ${Math.floor(random() * 100)}) return helper${(n + 1) % 50}(input.count) * total;`,
      `  const map = new Map<string, number>(input.tags.map((tag, i) => [tag, i]));`,
      `  return [...map.values()].filter((value) => value % 2 === 0).length + input.count;`,
      `}`,
      '',
    );
  }
  return lines.join('\n');
}

rmSync(root, { recursive: true, force: true });
let pools = 0;
for (let n = 0; n < FILES; n++) {
  const file = join(root, 'src', `area${n % 40}`, `module${n}.ts`);
  mkdirSync(dirname(file), { recursive: true });
  let text = plainModule(n);
  if (n % POOL_EVERY === 0) {
    text = POOLS[pools % POOLS.length](n) + text;
    pools++;
  }
  writeFileSync(file, text);
}
mkdirSync(join(root, 'src', 'shared'), { recursive: true });
writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bench-repo', private: true, dependencies: { pg: '^8.11.0', mysql2: '^3.9.0', ioredis: '^5.3.0', knex: '^3.1.0', 'lru-cache': '^10.0.0' } }, null, 2));
console.log(`generated ${FILES} files (${pools} with a pool construction) in ${root}`);
