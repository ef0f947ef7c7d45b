// The inspector's HTTP endpoint: /json/list tells whether a port is an inspector and gives its WebSocket URL.
import http from 'node:http';

/** How long a probe of one port may take; a local inspector answers in a few ms. */
const PROBE_TIMEOUT_MS = 500;

export interface InspectorTarget {
  id: string;
  title?: string;
  url?: string;
  webSocketDebuggerUrl: string;
}

/** GET http://host:port/json/list; undefined when the port is not an inspector (or does not answer). */
export function probeInspector(host: string, port: number): Promise<InspectorTarget | undefined> {
  return new Promise((resolve) => {
    // The inspector rejects Host headers that are not an IP or localhost (DNS-rebinding guard): connect by IP.
    const request = http.get({ host, port, path: '/json/list', timeout: PROBE_TIMEOUT_MS, headers: { host: hostHeader(host, port) } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        // An app server could stream forever: an inspector's list is small.
        body += chunk;
        if (body.length > 1_000_000) request.destroy();
      });
      response.on('end', () => {
        try {
          const list = JSON.parse(body) as InspectorTarget[];
          const first = Array.isArray(list) ? list.find((entry) => typeof entry?.webSocketDebuggerUrl === 'string') : undefined;
          resolve(first);
        } catch {
          resolve(undefined);
        }
      });
      response.on('error', () => resolve(undefined));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

function hostHeader(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Loopback addresses and names: an inspector elsewhere needs --allow-remote. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare) || bare === '::ffff:127.0.0.1';
}

/** The address to connect to for a LISTEN socket: a wildcard bind is reached through loopback. */
export function connectAddress(listenAddress: string): string {
  if (listenAddress === '0.0.0.0') return '127.0.0.1';
  if (listenAddress === '::') return '::1';
  return listenAddress;
}
