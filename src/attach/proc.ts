// Zero-risk reads of /proc for one pid: status fields, executable, command line, socket inodes, TCP tables.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Fields of /proc/<pid>/status that attaching needs. */
export interface ProcStatus {
  name: string;
  /** Caught-signal mask (SigCgt), as a bigint because it is 64 bits wide. */
  sigCgt: bigint;
  /** NSpid: the pid in each nested pid namespace, outermost first; the last is what the process sees. */
  nsPids: number[];
  uid: number;
}

export function procPath(pid: number, ...parts: string[]): string {
  return path.join('/proc', String(pid), ...parts);
}

export function readStatus(pid: number): ProcStatus {
  const text = readFileSync(procPath(pid, 'status'), 'utf8');
  const field = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
  return {
    name: field('Name'),
    sigCgt: BigInt(`0x${field('SigCgt') || '0'}`),
    nsPids: (field('NSpid') || String(pid)).split(/\s+/).map(Number),
    uid: Number(field('Uid').split(/\s+/)[0] ?? -1),
  };
}

/** argv of the process; empty for kernel threads and zombies. */
export function readCmdline(pid: number): string[] {
  return readFileSync(procPath(pid, 'cmdline'), 'utf8').split('\0').filter((part) => part.length > 0);
}

/** The executable's path, or undefined when the link cannot be read (another user's process without root). */
export function readExe(pid: number): string | undefined {
  try {
    return readlinkSync(procPath(pid, 'exe'));
  } catch {
    return undefined;
  }
}

/** NODE_OPTIONS from the environment the process started with, when readable. */
export function readNodeOptions(pid: number): string | undefined {
  try {
    const environ = readFileSync(procPath(pid, 'environ'), 'utf8').split('\0');
    return environ.find((entry) => entry.startsWith('NODE_OPTIONS='))?.slice('NODE_OPTIONS='.length);
  } catch {
    return undefined;
  }
}

/** epoll_wait, epoll_pwait, epoll_pwait2 by architecture: where an idle libuv event loop sleeps. */
const EPOLL_SYSCALLS: Record<string, readonly number[]> = { x64: [232, 281, 441], arm64: [22, 441] };

/**
 * What the main thread (tid = pid) is doing, from /proc/<pid>/task/<pid>/syscall: `epoll` (an event loop
 * waiting, the main one or a nested one such as execSync's), `running` (on a CPU), `blocked` (in another system
 * call: futex for Atomics.wait, read on a pipe, …), or `unknown` (not readable: needs ptrace rights).
 */
export function mainThreadActivity(pid: number): 'epoll' | 'running' | 'blocked' | 'unknown' {
  let text: string;
  try {
    text = readFileSync(procPath(pid, 'task', String(pid), 'syscall'), 'utf8').trim();
  } catch {
    return 'unknown';
  }
  if (text === 'running') return 'running';
  const number = Number(text.split(' ')[0]);
  const epoll = EPOLL_SYSCALLS[process.arch];
  if (!epoll || !Number.isInteger(number) || number < 0) return 'unknown';
  return epoll.includes(number) ? 'epoll' : 'blocked';
}

export function processExists(pid: number): boolean {
  try {
    // A zombie has exited; it only waits for its parent to reap it.
    return !/^\d+ \(.*\) Z /s.test(readFileSync(procPath(pid, 'stat'), 'utf8'));
  } catch {
    return false;
  }
}

/** Inodes of the sockets the process holds open (`socket:[N]` links in /proc/<pid>/fd). */
export function readSocketInodes(pid: number): Set<number> {
  const inodes = new Set<number>();
  for (const fd of readdirSync(procPath(pid, 'fd'))) {
    let target: string;
    try {
      target = readlinkSync(procPath(pid, 'fd', fd));
    } catch {
      continue; // closed between readdir and readlink
    }
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.add(Number(match[1]));
  }
  return inodes;
}

/** TCP states from include/net/tcp_states.h, as they appear (hex) in /proc/net/tcp. */
export const TCP_ESTABLISHED = 0x01;
export const TCP_LISTEN = 0x0a;

export interface TcpRow {
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  state: number;
  inode: number;
}

/** Rows of /proc/<pid>/net/tcp and tcp6: the tables of the process's network namespace. */
export function readTcpTable(pid: number | 'self'): TcpRow[] {
  const rows: TcpRow[] = [];
  for (const file of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(path.join('/proc', String(pid), 'net', file), 'utf8');
    } catch {
      continue; // no IPv6 in this kernel or namespace
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const [localAddress, localPort] = parseHexEndpoint(fields[1]!);
      const [remoteAddress, remotePort] = parseHexEndpoint(fields[2]!);
      rows.push({ localAddress, localPort, remoteAddress, remotePort, state: parseInt(fields[3]!, 16), inode: Number(fields[9]) });
    }
  }
  return rows;
}

/** "0100007F:1F90" → ["127.0.0.1", 8080]; IPv6 words are in host (little-endian) byte order. */
export function parseHexEndpoint(text: string): [string, number] {
  const [hexAddress = '', hexPort = '0'] = text.split(':');
  const port = parseInt(hexPort, 16);
  if (hexAddress.length === 8) return [littleEndianBytes(hexAddress).join('.'), port];
  const bytes: number[] = [];
  for (let word = 0; word < 4; word++) bytes.push(...littleEndianBytes(hexAddress.slice(word * 8, word * 8 + 8)));
  return [formatIpv6(bytes), port];
}

function littleEndianBytes(hexWord: string): number[] {
  const bytes: number[] = [];
  for (let index = 6; index >= 0; index -= 2) bytes.push(parseInt(hexWord.slice(index, index + 2), 16));
  return bytes;
}

function formatIpv6(bytes: number[]): string {
  const isV4Mapped = bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isV4Mapped) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(((bytes[index]! << 8) | bytes[index + 1]!).toString(16));
  // Compress the longest run of zero groups, as inet_ntop does.
  const joined = groups.join(':');
  const runs = [...joined.matchAll(/(^|:)0(:0)+(:|$)/g)].sort((a, b) => b[0].length - a[0].length);
  if (runs[0]) return `${joined.slice(0, runs[0].index)}::${joined.slice(runs[0].index + runs[0][0].length)}`;
  return joined;
}

/** Pids of processes holding a socket with this inode (scans /proc/*\/fd; readable ones only). */
export function findInodeHolders(inode: number): number[] {
  const holders: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readSocketInodes(Number(entry)).has(inode)) holders.push(Number(entry));
    } catch {
      continue; // exited, or not ours to read
    }
  }
  return holders;
}

/** True when the two processes share a network namespace (so loopback of one reaches the other). */
export function sameNetworkNamespace(pid: number): boolean | undefined {
  try {
    return readlinkSync(procPath(pid, 'ns', 'net')) === readlinkSync('/proc/self/ns/net');
  } catch {
    return undefined;
  }
}
