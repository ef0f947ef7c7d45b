// Zero-risk checks before anything is sent to a pid: it exists, we may read it, and it is Node with its
// SIGUSR1 (inspector activation) handler installed. SIGUSR1 to anything else would kill it.
import path from 'node:path';
import { PooldocError } from '../errors.js';
import { processExists, readCmdline, readExe, readNodeOptions, readStatus, sameNetworkNamespace } from './proc.js';

/** Bit of SIGUSR1 (signal 10) in the SigCgt mask: 1 << (10 − 1). */
const SIGUSR1_CAUGHT_BIT = 0x200n;
/** Executable names Node ships under (node, nodejs on Debian, node22 from version managers). */
const NODE_EXECUTABLE = /^(node|nodejs)(\d+)?$/;

export interface TargetInfo {
  pid: number;
  /** The pid as the target itself sees it (last NSpid field): what process.pid must equal. */
  innerPid: number;
  executable: string;
  cmdline: string[];
  /** Whether a SIGUSR1 handler is installed (Node's inspector activation, or the app's own). */
  catchesSigusr1: boolean;
  /** Port the inspector will use when activated: from --inspect-port / --inspect in argv or NODE_OPTIONS. */
  predictedPort: number;
  /** False when the target lives in another network namespace (a container). */
  sameNetNamespace: boolean;
}

/** Node's default inspector port. */
export const DEFAULT_INSPECTOR_PORT = 9229;

export function inspectTarget(pid: number): TargetInfo {
  if (!Number.isInteger(pid) || pid <= 0) throw new PooldocError(`pid ${pid}: not a valid process id`);
  if (!processExists(pid)) throw new PooldocError(`pid ${pid}: no such process`);
  let status;
  let cmdline: string[];
  try {
    status = readStatus(pid);
    cmdline = readCmdline(pid);
  } catch (error) {
    throw permissionOr(pid, error);
  }
  const exe = readExe(pid);
  const executable = exe ?? cmdline[0] ?? status.name;
  const looksLikeNode = [exe, cmdline[0], status.name].some((name) => name !== undefined && NODE_EXECUTABLE.test(path.basename(name.replace(/ \(deleted\)$/, ''))));
  if (!looksLikeNode) {
    throw new PooldocError(`pid ${pid} (${path.basename(executable)}) is not a Node process: nothing was sent to it`);
  }
  const argsAndOptions = [...cmdline.slice(1), ...(readNodeOptions(pid)?.split(/\s+/) ?? [])];
  return {
    pid,
    innerPid: status.nsPids[status.nsPids.length - 1] ?? pid,
    executable,
    cmdline,
    catchesSigusr1: (status.sigCgt & SIGUSR1_CAUGHT_BIT) !== 0n,
    predictedPort: predictInspectorPort(argsAndOptions),
    sameNetNamespace: sameNetworkNamespace(pid) ?? true,
  };
}

/** The port from `--inspect-port=N`, `--inspect[-brk]=[host:]N`; 0 means "random" and cannot be predicted. */
export function predictInspectorPort(args: string[]): number {
  let port = DEFAULT_INSPECTOR_PORT;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--') break;
    const match = /^--(?:inspect-port|debug-port|inspect(?:-brk|-wait)?)(?:=(.*))?$/.exec(arg);
    if (!match) continue;
    const value = match[1] ?? (arg.startsWith('--inspect-port') || arg.startsWith('--debug-port') ? args[index + 1] : undefined);
    const portText = value?.split(':').pop();
    if (portText && /^\d+$/.test(portText)) port = Number(portText);
  }
  return port;
}

export function permissionOr(pid: number, error: unknown): PooldocError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new PooldocError(`pid ${pid}: permission denied (it belongs to another user; run pooldoc as that user or root)`, undefined, { cause: error });
  }
  if (code === 'ENOENT' || code === 'ESRCH') return new PooldocError(`pid ${pid}: no such process`, undefined, { cause: error });
  return new PooldocError(`pid ${pid}: cannot read /proc: ${(error as Error).message}`, undefined, { cause: error });
}
