// The bench target: an HTTP server doing a little JSON work per request (a typical small service).
import http from 'node:http';

const server = http.createServer((request, response) => {
  const body = JSON.stringify({ at: Date.now(), items: Array.from({ length: 20 }, (_, index) => ({ index, name: `item-${index}` })) });
  response.setHeader('content-type', 'application/json');
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
