// Source extraction: construction sites found through imports, options resolved statically or marked unknown.
import { describe, expect, it } from 'vitest';
import { extractSource } from '../../../src/audit/extract/source.js';
import type { RawSite } from '../../../src/pools/model.js';

const noEnv = new Map();
const extract = (text: string, file = 'app.ts', env: Map<string, { value: string; position: { file: string; line: number; column: number } }> = noEnv) => extractSource(file, text, env);
const values = (site: RawSite) => Object.fromEntries([...site.options].map(([key, raw]) => [key, raw.resolved ? raw.value : `?${raw.env ?? raw.via}`]));

describe('extractSource', () => {
  it('finds pg pools through default, named and CommonJS imports with positions', () => {
    const { sites } = extract([
      "import pg, { Pool } from 'pg';",
      'const a = new pg.Pool({ max: 5 });',
      'const b = new Pool({ max: 6 });',
      "const { Pool: P } = require('pg');",
      "const c = new P({ max: 7 }); const d = new (require('pg').Pool)({ max: 8 });",
    ].join('\n'));
    expect(sites.map((site) => [site.library, site.position.line, site.position.column, site.options.get('max')?.value])).toEqual([
      ['pg', 2, 11, 5], ['pg', 3, 11, 6], ['pg', 5, 11, 7], ['pg', 5, 40, 8],
    ]);
    expect(sites[0].options.get('max')?.position).toEqual({ file: 'app.ts', line: 2, column: 25 });
  });

  it('resolves constants, spreads, arithmetic and env fallbacks; leaves the rest unknown', () => {
    const { sites } = extract([
      "import { Pool } from 'pg';",
      'const MAX = Number(process.env.PG_MAX ?? 10);',
      "const base = { idleTimeoutMillis: 30 * 1000, application_name: `svc-${'a'}` };",
      'const pool = new Pool({ ...base, max: MAX, connectionTimeoutMillis: parseInt(process.env.PG_TIMEOUT || "5000"), maxUses: process.env.MAX_USES, min: compute(), ssl: undefined });',
    ].join('\n'));
    expect(values(sites[0])).toEqual({
      idleTimeoutMillis: 30000, application_name: 'svc-a', max: 10, connectionTimeoutMillis: 5000, maxUses: '?MAX_USES', min: '?expression',
    });
    expect(sites[0].options.get('max')).toMatchObject({ via: 'env-fallback', env: 'PG_MAX' });
    expect(sites[0].opaquePaths).toEqual([]);
  });

  it('uses .env values found alongside before fallbacks', () => {
    const env = new Map([['PG_MAX', { value: '25', position: { file: '.env', line: 1, column: 1 } }]]);
    const { sites, envConsumed } = extract("import { Pool } from 'pg';\nnew Pool({ max: Number(process.env.PG_MAX ?? 10) });", 'a.ts', env);
    expect(sites[0].options.get('max')).toMatchObject({ value: 25, via: 'env', env: 'PG_MAX' });
    expect(envConsumed).toEqual(['PG_MAX']);
  });

  it('marks opaque spreads and opaque option arguments', () => {
    const { sites } = extract("import mysql from 'mysql2/promise';\nexport function make(cfg) { return mysql.createPool({ ...cfg, connectionLimit: 4 }); }\nmysql.createPool(loadConfig());");
    expect(sites.map((site) => site.opaquePaths)).toEqual([[''], ['']]);
    expect(sites[0].context.inFunction).toBe(true);
    expect(sites[1].context.inFunction).toBe(false);
  });

  it('records handlers, variables and error listeners', () => {
    const { sites } = extract([
      "import { Pool } from 'pg';",
      'export const pool = new Pool({ max: 2 });',
      "pool.on('error', () => {});",
      "app.get('/x', async (req, res) => { const p = new Pool(); });",
      'class Repo { constructor() { this.pool = new Pool({ max: 3 }); } }',
    ].join('\n'));
    expect(sites.map((site) => [site.context.variable, site.context.errorListener, site.context.inFunction, site.context.inHandler])).toEqual([
      ['pool', true, false, false], ['p', false, true, true], ['this.pool', false, false, false],
    ]);
  });

  it('knows the other libraries\' call shapes', () => {
    const { sites } = extract([
      "import Redis from 'ioredis'; import knex from 'knex'; import http from 'node:http'; import { Agent, Pool as UPool } from 'undici';",
      "import { MongoClient } from 'mongodb'; import { LRUCache } from 'lru-cache'; import { Queue, Worker } from 'bullmq';",
      "new Redis(6379, 'h', { commandTimeout: 100 }); new Redis.Cluster([], { redisOptions: { commandTimeout: 7 } });",
      "knex({ client: 'pg', pool: { max: 3 } }); new http.Agent({ maxSockets: 50 }); new Agent({ connections: 10 }); new UPool('http://x', { connections: 2 });",
      "new MongoClient('mongodb://h/db?maxPoolSize=20', { minPoolSize: 1 }); new LRUCache({ max: 100 });",
      "new Queue('q', { connection: {} }); new Worker('q', async () => {}, { concurrency: 5 });",
    ].join('\n'));
    expect(sites.map((site) => `${site.library}:${JSON.stringify(values(site))}`)).toEqual([
      'ioredis:{"commandTimeout":100}', 'ioredis:{"commandTimeout":7}', 'knex:{"client":"pg","pool.max":3}', 'http-agent:{"maxSockets":50}',
      'undici:{"connections":10}', 'undici:{"connections":2}', 'mongodb:{"minPoolSize":1}', 'lru-cache:{"max":100}', 'bullmq:{}', 'bullmq:{"concurrency":5}',
    ]);
    expect(sites[6].url?.params.get('maxPoolSize')?.value).toBe('20');
    expect(sites[1].context.role).toBe('cluster');
  });

  it('ignores look-alikes from other modules and type-only imports', () => {
    expect(extract("import { Pool } from './my-pool';\nimport type { Pool as P } from 'pg';\nnew Pool({}); new P();").sites).toEqual([]);
  });

  it('reports a syntax error as a problem with its position, not a crash', () => {
    const { problems, sites } = extract("import { Pool } from 'pg';\nconst x = {\n  a: 1,,\n};");
    expect(sites).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0].position).toEqual({ file: 'app.ts', line: 3, column: 8 });
  });
});
