// The target's TCP sockets from /proc, at zero risk: established ones grouped by remote endpoint and known
// service, and the ports it listens on (to find an open inspector and to tell inbound from outbound).
import type { SocketGroup } from '../series/types.js';
import { readSocketInodes, readTcpTable, TCP_ESTABLISHED, TCP_LISTEN, type TcpRow } from './proc.js';

/** Well-known server ports, so a socket group can say which service it talks to. */
export const KNOWN_SERVICES: Readonly<Record<number, string>> = {
  80: 'http',
  443: 'https',
  1433: 'mssql',
  2181: 'zookeeper',
  3306: 'mysql',
  4222: 'nats',
  5432: 'postgresql',
  5672: 'amqp',
  6379: 'redis',
  6432: 'pgbouncer',
  9092: 'kafka',
  9200: 'elasticsearch',
  11211: 'memcached',
  26379: 'redis-sentinel',
  27017: 'mongodb',
};

export interface ListenSocket {
  address: string;
  port: number;
  inode: number;
}

export interface ProcessSockets {
  listening: ListenSocket[];
  /** Outbound connections grouped by the remote endpoint; inbound ones grouped by the local listening port. */
  groups: SocketGroup[];
}

/** The rows of the process's namespace tables that belong to the process itself. */
function ownRows(pid: number): TcpRow[] {
  const inodes = readSocketInodes(pid);
  return readTcpTable(pid).filter((row) => row.inode !== 0 && inodes.has(row.inode));
}

export function listeningSockets(pid: number): ListenSocket[] {
  return ownRows(pid)
    .filter((row) => row.state === TCP_LISTEN)
    .map((row) => ({ address: row.localAddress, port: row.localPort, inode: row.inode }));
}

export function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export function readProcessSockets(pid: number): ProcessSockets {
  const rows = ownRows(pid);
  const listening = rows.filter((row) => row.state === TCP_LISTEN).map((row) => ({ address: row.localAddress, port: row.localPort, inode: row.inode }));
  const listeningPorts = new Set(listening.map((socket) => socket.port));
  const groups = new Map<string, SocketGroup>();
  for (const row of rows) {
    if (row.state !== TCP_ESTABLISHED) continue;
    // A connection whose local port is one we listen on was accepted by us: group it under that port.
    const inbound = listeningPorts.has(row.localPort);
    const remote = inbound ? `inbound ${endpoint(row.localAddress, row.localPort)}` : endpoint(row.remoteAddress, row.remotePort);
    const group = groups.get(remote) ?? {
      remote,
      service: inbound ? 'inbound' : KNOWN_SERVICES[row.remotePort],
      count: 0,
    };
    group.count++;
    groups.set(remote, group);
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count || a.remote.localeCompare(b.remote));
  return { listening, groups: sorted };
}
