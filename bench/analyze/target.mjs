// The bench target: an HTTP server doing a little JSON work per request through a generic-pool (a typical small
// service with a pool, so analyze has live pool counters to read every second as well as memory).
import http from 'node:http';
import genericPool from 'generic-pool';

let created = 0;
const pool = genericPool.createPool({ create: async () => ({ id: ++created }), destroy: async () => {} }, { max: 8, acquireTimeoutMillis: 1000 });

const server = http.createServer(async (request, response) => {
  const resource = await pool.acquire();
  try {
    const body = JSON.stringify({ at: Date.now(), by: resource.id, items: Array.from({ length: 20 }, (_, index) => ({ index, name: `item-${index}` })) });
    response.setHeader('content-type', 'application/json');
    response.end(body);
  } finally {
    await pool.release(resource);
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
