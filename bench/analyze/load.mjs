// Closed-loop load generator (autocannon-like): C keep-alive connections, each sends its next request when the
// previous answer arrived; prints the number of completed requests after D seconds.
import http from 'node:http';

const [port, connections = '8', seconds = '10'] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
let completed = 0;
let running = true;
function loop() {
  if (!running) return;
  http.get({ host: '127.0.0.1', port: Number(port), path: '/', agent }, (response) => {
    response.resume();
    response.on('end', () => {
      completed++;
      loop();
    });
  }).on('error', () => setTimeout(loop, 10));
}
for (let index = 0; index < Number(connections); index++) loop();
setTimeout(() => {
  running = false;
  console.log(JSON.stringify({ completed, seconds: Number(seconds) }));
  agent.destroy();
  process.exit(0);
}, Number(seconds) * 1000);
