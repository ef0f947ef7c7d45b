// Finds the target's inspector: already open (a LISTEN socket answering /json/list), or opened by SIGUSR1
// and found as the new LISTEN socket of that very pid. Failures name their cause in one line.
import path from 'node:path';
import { PooldocError } from '../errors.js';
import { connectAddress, probeInspector, type InspectorTarget } from './inspector-http.js';
import { findInodeHolders, mainThreadActivity, readCmdline, readTcpTable, TCP_LISTEN } from './proc.js';
import { listeningSockets, type ListenSocket } from './sockets.js';
import type { TargetInfo } from './precheck.js';
import { permissionOr } from './precheck.js';

/** Poll period for the new LISTEN socket; activation took 73–95 ms when measured (reference). */
const ACTIVATION_POLL_MS = 50;
/** After this long without a new LISTEN socket the activation failed (busy 2-core box: generous). */
export const ACTIVATION_TIMEOUT_MS = 3000;
/**
 * How long to keep waiting when the main thread has not run since SIGUSR1. Node opens the inspector from its
 * event loop (or a V8 interrupt in running JS), so a main thread stuck in a synchronous native call (execSync,
 * sync I/O on a slow disk or pipe, Atomics.wait) opens it only when it returns; giving up earlier would leave
 * an inspector that opens after pooldoc is gone and that nobody closes.
 */
export const BLOCKED_ACTIVATION_TIMEOUT_MS = 30_000;

export interface FoundInspector {
  host: string;
  port: number;
  target: InspectorTarget;
  /** True when the inspector was open before pooldoc came: it is left open on detach. */
  wasOpen: boolean;
}

/** Probes every LISTEN socket of the pid for an inspector; undefined when none answers. */
export async function findOpenInspector(listening: ListenSocket[]): Promise<FoundInspector | undefined> {
  const probes = await Promise.all(
    listening.map(async (socket) => {
      const host = connectAddress(socket.address);
      const target = await probeInspector(host, socket.port);
      return target ? { host, port: socket.port, target, wasOpen: true } : undefined;
    }),
  );
  return probes.find((probe) => probe !== undefined);
}

export interface ActivateOptions {
  now?: () => number;
  /** Told once when the main thread looks blocked and pooldoc waits longer. */
  onBlocked?: (message: string) => void;
}

/** Sends SIGUSR1 (only ever to a checked Node process) and waits for its new inspector socket. */
export async function activateInspector(target: TargetInfo, before: ListenSocket[], options: ActivateOptions = {}): Promise<FoundInspector> {
  const now = options.now ?? Date.now;
  const known = new Set(before.map((socket) => socket.inode));
  try {
    process.kill(target.pid, 'SIGUSR1');
  } catch (error) {
    throw permissionOr(target.pid, error);
  }
  const started = now();
  const found = await pollForInspector(target, known, started + ACTIVATION_TIMEOUT_MS, now);
  if (found) return found;
  // JS that runs is interrupted to open the inspector, so a main thread on a CPU or in a non-epoll system call
  // after 3 s is stuck in native code; one waiting in epoll is either idle (the app owns SIGUSR1) or in a
  // nested loop (execSync): that cannot be told apart from outside, so the message names both.
  const activity = mainThreadActivity(target.pid);
  if (activity !== 'running' && activity !== 'blocked') throw new PooldocError(activationFailure(target));
  options.onBlocked?.(`pid ${target.pid}: its main thread is ${activity === 'running' ? 'busy in native code' : 'blocked in a system call'} and has not handled SIGUSR1 yet; waiting up to ${BLOCKED_ACTIVATION_TIMEOUT_MS / 1000} s for it to open the inspector…`);
  const late = await pollForInspector(target, known, started + BLOCKED_ACTIVATION_TIMEOUT_MS, now);
  if (late) return late;
  throw new PooldocError(
    `pid ${target.pid}: its main thread has been blocked for ${BLOCKED_ACTIVATION_TIMEOUT_MS / 1000} s and has not handled SIGUSR1; the inspector will open on port ${target.predictedPort} when it returns to its event loop and stay open (pooldoc cannot reach it to close it): restart the target, or attach then with --port ${target.predictedPort}`,
  );
}

async function pollForInspector(target: TargetInfo, known: Set<number>, deadline: number, now: () => number): Promise<FoundInspector | undefined> {
  while (now() < deadline) {
    await delay(ACTIVATION_POLL_MS);
    let fresh: ListenSocket[];
    try {
      fresh = listeningSockets(target.pid).filter((socket) => !known.has(socket.inode));
    } catch (error) {
      throw permissionOr(target.pid, error);
    }
    for (const socket of fresh) {
      const host = connectAddress(socket.address);
      const found = await probeInspector(host, socket.port);
      if (found) return { host, port: socket.port, target: found, wasOpen: false };
      known.add(socket.inode); // the app opened a server of its own meanwhile
    }
  }
  return undefined;
}

/** Why no inspector appeared: the port is held by someone else, or the app owns SIGUSR1. */
export function activationFailure(target: TargetInfo): string {
  const holder = portHolder(target.pid, target.predictedPort);
  if (holder !== undefined && holder.pid !== target.pid) {
    return `pid ${target.pid}: inspector could not start, port ${target.predictedPort} is held by ${holder.description}; free it, or restart the target with --inspect-port=<free port>`;
  }
  return `pid ${target.pid}: no inspector appeared after SIGUSR1 within ${ACTIVATION_TIMEOUT_MS} ms: the app handles SIGUSR1 itself (process.on('SIGUSR1')) — start it with --inspect and use --port — or its main thread is stuck in a synchronous call (execSync…), and then the inspector opens on port ${target.predictedPort} when it returns and stays open`;
}

/** Who listens on `port` in the target's network namespace: pid and command, when we may read it. */
export function portHolder(pid: number, port: number): { pid?: number; description: string } | undefined {
  const row = readTcpTable(pid).find((entry) => entry.state === TCP_LISTEN && entry.localPort === port);
  if (!row) return undefined;
  const holders = findInodeHolders(row.inode);
  if (holders.includes(pid)) return { pid, description: `pid ${pid} itself` };
  const other = holders[0];
  if (other === undefined) return { description: 'a process pooldoc may not inspect (another user or namespace)' };
  let command = '';
  try {
    command = readCmdline(other).map((part, index) => (index === 0 ? path.basename(part) : part)).join(' ');
  } catch {
    /* exited meanwhile */
  }
  return { pid: other, description: `pid ${other}${command ? ` (${command.slice(0, 80)})` : ''}` };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
