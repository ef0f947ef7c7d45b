// Attach and detach as one lifecycle: pre-checks, find or open the inspector, connect, verify process.pid;
// on detach close the inspector if and only if pooldoc opened it, and verify through /proc that it is gone.
import { PooldocError } from '../errors.js';
import { activateInspector, delay, findOpenInspector, type FoundInspector } from './activate.js';
import { CdpSession } from './cdp-session.js';
import { evaluateValue } from './evaluate.js';
import { isLoopback, probeInspector } from './inspector-http.js';
import { inspectTarget, type TargetInfo } from './precheck.js';
import { processExists } from './proc.js';
import { listeningSockets, readProcessSockets, type ProcessSockets } from './sockets.js';

export interface AttachOptions {
  /** An inspector that is already reachable: port on --host (default 127.0.0.1) … */
  port?: number;
  host?: string;
  /** … or its full ws:// URL. */
  inspectUrl?: string;
  allowRemote?: boolean;
  /** Told what pooldoc waits for when attaching takes long (a blocked main thread). */
  notice?: (message: string) => void;
}

export type InspectorState = 'open' | 'closed';

/**
 * The target's loopback is not ours (a container): its inspector can only be reached from inside its network
 * namespace. The command re-runs itself there with nsenter when it may (root); otherwise this message stands.
 */
export class OtherNetNamespaceError extends PooldocError {
  constructor(readonly pid: number) {
    super(`pid ${pid} runs in another network namespace (a container): its inspector is not reachable from here; run pooldoc inside it as root, e.g. nsenter -t ${pid} -n pooldoc analyze ${pid}`);
  }
}

export interface Attachment {
  session: CdpSession;
  target: TargetInfo;
  inspector: FoundInspector;
  /** Sockets read from /proc before anything was sent to the target. */
  sockets: ProcessSockets;
  /** Milliseconds from the start of attach to a verified session. */
  attachMs: number;
}

/** How long the LISTEN socket may take to disappear after inspector.close(). */
const CLOSE_VERIFY_TIMEOUT_MS = 2000;
const CLOSE_VERIFY_POLL_MS = 50;
const CONNECT_ATTEMPTS = 3;
const CONNECT_RETRY_MS = 300;
const PID_CHECK_TIMEOUT_MS = 2000;

export async function attach(pid: number, options: AttachOptions = {}): Promise<Attachment> {
  const started = Date.now();
  const target = inspectTarget(pid);
  if (!target.sameNetNamespace && options.port === undefined && options.inspectUrl === undefined) throw new OtherNetNamespaceError(pid);
  const sockets = readProcessSockets(pid);
  const inspector = await locateInspector(target, sockets, options);
  const session = await connectWithRetry(target.pid, inspector);
  // Another process may hold the port we probed (node inspect -p attached to the wrong one): check who answers.
  const seenPid = await evaluateValue<number>(session, 'process.pid', { timeoutMs: PID_CHECK_TIMEOUT_MS }).catch(() => undefined);
  if (seenPid === undefined && !inspector.wasOpen) {
    // Ours, opened a moment ago, but its JS does not answer: close it rather than leave it behind.
    const outcome = await detach({ session, target, inspector, sockets, attachMs: 0 });
    throw new PooldocError(`pid ${pid}: the inspector pooldoc opened on port ${inspector.port} did not answer process.pid within ${PID_CHECK_TIMEOUT_MS / 1000} s; ${outcome.inspectorAfter === 'closed' ? 'closed it again' : (outcome.problem ?? `it is ${outcome.inspectorAfter}`)}: nothing was read`);
  }
  if (seenPid === undefined) {
    await session.close();
    throw new PooldocError(`pid ${pid}: the inspector at ${inspector.host}:${inspector.port} did not answer process.pid within ${PID_CHECK_TIMEOUT_MS / 1000} s (its JS thread is blocked?); left as it was: nothing was read`);
  }
  if (seenPid !== target.innerPid) {
    await session.close();
    throw new PooldocError(`the inspector at ${inspector.host}:${inspector.port} belongs to another process (process.pid ${seenPid}, expected ${target.innerPid}): nothing was read`);
  }
  return { session, target, inspector, sockets, attachMs: Date.now() - started };
}

/** A just-opened inspector may refuse the first connection on a loaded machine: a few tries, then say what is left. */
async function connectWithRetry(pid: number, inspector: FoundInspector): Promise<CdpSession> {
  let lastError: unknown;
  for (let attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
    if (attempt > 0) await delay(CONNECT_RETRY_MS);
    try {
      return await CdpSession.connect(inspector.target.webSocketDebuggerUrl);
    } catch (error) {
      lastError = error;
    }
  }
  // Without a session nothing can run inside the target, so an inspector pooldoc opened cannot be closed.
  const leftOpen = inspector.wasOpen ? '' : `; the inspector pooldoc opened on port ${inspector.port} stays open until the target restarts`;
  throw new PooldocError(`pid ${pid}: cannot connect to the inspector at ${inspector.host}:${inspector.port}: ${(lastError as Error).message}${leftOpen}`, undefined, { cause: lastError });
}

async function locateInspector(target: TargetInfo, sockets: ProcessSockets, options: AttachOptions): Promise<FoundInspector> {
  if (options.inspectUrl !== undefined || options.port !== undefined) return explicitInspector(options);
  const open = await findOpenInspector(sockets.listening);
  if (open) return open;
  if (!target.catchesSigusr1) {
    throw new PooldocError(`pid ${target.pid}: Node without a SIGUSR1 handler (--disable-sigusr1?): nothing was sent; start it with --inspect and use --port`);
  }
  return activateInspector(target, sockets.listening, { onBlocked: options.notice });
}

async function explicitInspector(options: AttachOptions): Promise<FoundInspector> {
  let host = options.host ?? '127.0.0.1';
  let port = options.port ?? 0;
  if (options.inspectUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(options.inspectUrl);
    } catch {
      throw new PooldocError(`--inspect-url ${options.inspectUrl}: not a URL (expected ws://127.0.0.1:9229/<id>)`);
    }
    host = url.hostname.replace(/^\[|\]$/g, '');
    port = Number(url.port || 80);
    assertAllowedHost(host, options);
    return { host, port, target: { id: url.pathname.slice(1), webSocketDebuggerUrl: options.inspectUrl }, wasOpen: true };
  }
  assertAllowedHost(host, options);
  const found = await probeInspector(host, port);
  if (!found) throw new PooldocError(`--port ${port}: no inspector answers /json/list on ${host}:${port}`);
  return { host, port, target: found, wasOpen: true };
}

function assertAllowedHost(host: string, options: AttachOptions): void {
  if (!isLoopback(host) && !options.allowRemote) {
    throw new PooldocError(`inspector host ${host} is not loopback: an inspector is remote code execution, pass --allow-remote if you mean it`);
  }
}

export interface DetachOutcome {
  /** State of the inspector after pooldoc left: open iff it was open before (or closing failed). */
  inspectorAfter: InspectorState | 'target-gone';
  /** Set when pooldoc opened the inspector but could not verify it closed. */
  problem?: string;
}

/** Leaves the process as it was found. Safe to call on every path, more than once. */
export async function detach(attachment: Attachment): Promise<DetachOutcome> {
  const { session, target, inspector } = attachment;
  if (inspector.wasOpen) {
    await session.close();
    return { inspectorAfter: processExists(target.pid) ? 'open' : 'target-gone' };
  }
  if (!session.isClosed) {
    // Deferred so the reply leaves before the socket closes; inspector.close === process._debugEnd, which is called
    // directly where it exists so that detaching does not load the inspector module into the target.
    const closeExpression = `setImmediate(() => (typeof process._debugEnd === 'function' ? process._debugEnd() : process.getBuiltinModule('inspector').close())), true`;
    await evaluateValue(session, closeExpression, { timeoutMs: 1000 }).catch(() => undefined);
    await Promise.race([session.closedPromise, delay(1000)]);
    await session.close();
  }
  const deadline = Date.now() + CLOSE_VERIFY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!processExists(target.pid)) return { inspectorAfter: 'target-gone' };
    if (!listeningSockets(target.pid).some((socket) => socket.port === inspector.port)) return { inspectorAfter: 'closed' };
    await delay(CLOSE_VERIFY_POLL_MS);
  }
  return { inspectorAfter: 'open', problem: `the inspector pooldoc opened on port ${inspector.port} still listens after detach: the target's event loop is blocked, and the close pooldoc queued in it runs when the loop resumes` };
}
