// Reachability of the local database servers tests use. Absent servers are said loudly; under CI=true they fail.
import net from 'node:net';

export const SERVICES = {
  postgres: { host: '127.0.0.1', port: 5432 },
  mariadb: { host: '127.0.0.1', port: 3306 },
  redis: { host: '127.0.0.1', port: 6379 },
} as const;
export type ServiceName = keyof typeof SERVICES;

export function isReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Resolves true when the service answers. When it does not: under CI=true throws (a missing server is a
 * failure there), otherwise prints a loud warning and resolves false so the caller can skip.
 */
export async function requireService(name: ServiceName): Promise<boolean> {
  const { host, port } = SERVICES[name];
  if (await isReachable(host, port)) return true;
  const message = `${name} is not reachable on ${host}:${port}: tests that need it cannot run`;
  if (process.env.CI) throw new Error(`${message} (CI=true: a missing server is a failure)`);
  console.warn(`\n!!! SKIPPING: ${message}. Start it (see README "Local services").\n`);
  return false;
}
