// Target programs for the analyze tests: real services using real pool libraries, written under
// fixtures/generated/ (git-ignored) so they resolve the repository's node_modules like an app would.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TARGET_DIR = fileURLToPath(new URL('../../fixtures/generated/analyze-targets/', import.meta.url));
mkdirSync(TARGET_DIR, { recursive: true });

export { NODE22 } from '../helpers/node-versions.js';
/** Parallel test files must not race for 9229: activation picks a free port instead. */
export const RANDOM_INSPECTOR_PORT = ['--inspect-port=0'];

/** pg Pool (max 2) whose handler forgets release(): the pool fills, then callers queue forever. */
export const PG_FORGETS_RELEASE = `
const { Pool } = require('pg');
const pool = new Pool({ host: '127.0.0.1', port: 5432, user: 'postgres', password: 'hunter2-secret', database: 'test', max: 2 });
pool.on('error', () => {});
setInterval(() => { pool.connect().then((client) => client.query('select 1')).catch(() => {}); }, 100);
pool.query('select 1').then(() => console.log('ready'));
`;

/** mysql2 pool (limit 3), every checkout held: ESM entry. */
export const MYSQL2_HOLDS = `
import mysql from 'mysql2';
const pool = mysql.createPool({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test', connectionLimit: 3 });
const held = [];
setInterval(() => pool.getConnection((error, connection) => { if (!error) held.push(connection); }), 100);
pool.query('select 1', () => console.log('ready'));
`;

/** ioredis client with commands flowing. */
export const IOREDIS_CLIENT = `
const Redis = require('ioredis');
const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: false });
setInterval(() => redis.incr('pooldoc-test-counter').catch(() => {}), 50);
redis.ping().then(() => console.log('ready'));
`;

/** generic-pool (max 2) over fake resources, never released: ESM entry. */
export const GENERIC_POOL_LEAK = `
import genericPool from 'generic-pool';
let id = 0;
const pool = genericPool.createPool({ create: async () => ({ id: ++id }), destroy: async () => {} }, { max: 2 });
setInterval(() => { pool.acquire().catch(() => {}); }, 100);
console.log('ready');
`;

/** http.Agent (maxSockets 2) against a local server that answers slowly: requests queue in the agent. */
export const HTTP_AGENT_QUEUE = `
const http = require('http');
const server = http.createServer((req, res) => setTimeout(() => res.end('ok'), 2000));
server.listen(0, '127.0.0.1', () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  setInterval(() => http.get({ host: '127.0.0.1', port: server.address().port, agent }, (r) => r.resume()).on('error', () => {}), 100);
  console.log('ready');
});
`;

/** The other libraries in one process: tarn, undici Pool, socket.io with a client, lru-cache. */
export const MANY_LIBRARIES = `
const http = require('http');
const { Pool: TarnPool } = require('tarn');
const { Pool: UndiciPool } = require('undici');
const { Server } = require('socket.io');
const { io: connect } = require('socket.io-client');
const { LRUCache } = require('lru-cache');
const tarn = new TarnPool({ create: (cb) => cb(null, {}), destroy: () => {}, min: 0, max: 4 });
const cache = new LRUCache({ max: 100 });
for (let i = 0; i < 7; i++) cache.set('k' + i, i);
const held = [];
tarn.acquire().promise.then((r) => held.push(r));
const server = http.createServer((req, res) => setTimeout(() => res.end('ok'), 50));
const io = new Server(server);
server.listen(0, '127.0.0.1', () => {
  const origin = 'http://127.0.0.1:' + server.address().port;
  const undici = new UndiciPool(origin, { connections: 3 });
  setInterval(() => undici.request({ path: '/', method: 'GET' }).then((r) => r.body.dump()).catch(() => {}), 100);
  const client = connect(origin, { transports: ['websocket'] });
  client.on('connect', () => console.log('ready'));
  globalThis.keep = { tarn, cache, held, undici, client, io };
});
`;

/** Nothing leaks: a steady server with a pg-free idle loop. */
export const HEALTHY = `
const http = require('http');
const server = http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1', () => {
  setInterval(() => http.get({ host: '127.0.0.1', port: server.address().port }, (r) => r.resume()), 50);
  console.log('ready');
});
`;

/** Exits on its own after a while: the run must end with a partial report and exit 3. */
export const EXITS_SOON = `
setInterval(() => {}, 1000);
setTimeout(() => process.exit(0), Number(process.env.EXIT_AFTER_MS || 4000));
console.log('ready');
`;
