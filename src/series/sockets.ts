// TCP handles of a diagnostic report grouped by remote endpoint, with the service its port usually means.
import type { SocketGroup } from './types.js';

/** IANA / vendor default ports of the services a Node service pools connections to. */
export const SERVICE_BY_PORT: Readonly<Record<number, string>> = {
  80: 'http',
  443: 'https',
  3306: 'mysql',
  5432: 'postgresql',
  5672: 'amqp',
  6379: 'redis',
  6432: 'pgbouncer',
  9092: 'kafka',
  11211: 'memcached',
  27017: 'mongodb',
};

interface Endpoint {
  host?: string;
  ip4?: string;
  ip6?: string;
  port?: number;
}

export interface TcpHandle {
  type?: string;
  remoteEndpoint?: Endpoint | null;
}

/** `ip:port` (IPv6 bracketed); Node 18 reports carry only `host`. */
export function endpointText(endpoint: Endpoint): string {
  const host = endpoint.ip4 ?? (endpoint.ip6 ? `[${endpoint.ip6}]` : endpoint.host ?? '?');
  return `${host}:${endpoint.port ?? '?'}`;
}

/** Connected TCP handles (listening sockets have no remote end) grouped by remote endpoint, most first. */
export function groupTcpHandles(handles: readonly TcpHandle[], extra: Omit<SocketGroup, 'remote' | 'count' | 'service'>): SocketGroup[] {
  const counts = new Map<string, { count: number; port?: number }>();
  for (const handle of handles) {
    if (handle.type !== 'tcp' || !handle.remoteEndpoint) continue;
    const remote = endpointText(handle.remoteEndpoint);
    const entry = counts.get(remote);
    if (entry) entry.count++;
    else counts.set(remote, { count: 1, port: handle.remoteEndpoint.port });
  }
  return [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .map(([remote, { count, port }]) => {
      const group: SocketGroup = { remote, count, ...extra };
      const service = port !== undefined ? SERVICE_BY_PORT[port] : undefined;
      if (service) group.service = service;
      return group;
    });
}
