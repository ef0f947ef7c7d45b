// A Chrome DevTools Protocol session over one WebSocket (`ws`), typed with `devtools-protocol` so a
// misspelled method or parameter fails to compile. Calls time out; a closed socket fails every pending call.
import WebSocket from 'ws';
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping.js';

type Commands = ProtocolMapping.Commands;
type Events = ProtocolMapping.Events;

/** How long a protocol call may take before it is given up (long calls such as snapshots pass their own). */
export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
/** Snapshot chunks are ≤ 100 kB each, but a whole snapshot arrives in one session: no payload cap. */
const MAX_PAYLOAD_BYTES = 0;

export class SessionClosedError extends Error {}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  method: string;
}

export class CdpSession {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(params: unknown) => void>>();
  private closed = false;
  readonly closedPromise: Promise<void>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(String(data)));
    this.closedPromise = new Promise((resolve) => {
      socket.on('close', () => {
        this.closed = true;
        for (const [id, call] of this.pending) {
          clearTimeout(call.timer);
          call.reject(new SessionClosedError(`inspector session closed during ${call.method}`));
          this.pending.delete(id);
        }
        resolve();
      });
    });
    socket.on('error', () => {
      /* 'close' follows every 'error' and fails the pending calls */
    });
  }

  static connect(url: string, timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<CdpSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: MAX_PAYLOAD_BYTES, handshakeTimeout: timeoutMs });
      socket.once('open', () => resolve(new CdpSession(socket)));
      socket.once('error', (error) => reject(error));
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send<M extends keyof Commands>(method: M, ...args: SendArgs<M>): Promise<Commands[M]['returnType']> {
    const [params, options] = args as [unknown, { timeoutMs?: number } | undefined];
    if (this.closed) return Promise.reject(new SessionClosedError(`inspector session closed before ${method}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timeoutMs = options?.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer, method });
      this.socket.send(JSON.stringify({ id, method, params: params ?? {} }));
    });
  }

  on<E extends keyof Events>(event: E, handler: (...params: Events[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    const wrapped = handler as (params: unknown) => void;
    set.add(wrapped);
    this.listeners.set(event, set);
    return () => set.delete(wrapped);
  }

  /** Closes the WebSocket and resolves once it is closed (or after a short grace period). */
  async close(graceMs = 1000): Promise<void> {
    if (this.closed) return;
    this.socket.close();
    const timer = setTimeout(() => this.socket.terminate(), graceMs);
    await this.closedPromise;
    clearTimeout(timer);
  }

  private onMessage(text: string): void {
    const message = JSON.parse(text) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { code: number; message: string } };
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      clearTimeout(call.timer);
      if (message.error) call.reject(new ProtocolError(call.method, message.error.code, message.error.message));
      else call.resolve(message.result);
      return;
    }
    if (message.method) for (const handler of this.listeners.get(message.method) ?? []) handler(message.params);
  }
}

type SendArgs<M extends keyof Commands> = Commands[M]['paramsType'] extends []
  ? [params?: Record<string, never>, options?: { timeoutMs?: number }]
  : [params: Commands[M]['paramsType'][0], options?: { timeoutMs?: number }];

export class ProtocolError extends Error {
  constructor(readonly method: string, readonly code: number, message: string) {
    super(`${method}: ${message}`);
  }
}

/**
 * An exiting Node process with a debugger attached waits for it to disconnect ("Waiting for the debugger to
 * disconnect…"): the socket stays open but its JS context is gone. That is the target going away.
 */
export function isContextGone(error: unknown): boolean {
  return error instanceof Error && /Cannot find context with specified id|Execution context was destroyed/.test(error.message);
}

/** How often `whileContextAlive` asks whether the target's JS context still exists. */
const CONTEXT_PROBE_MS = 1000;

/**
 * Waits for a long command (a heap snapshot, a forced GC) unless the target exits meanwhile. An exiting target
 * keeps the socket open while it waits for the debugger to disconnect, and a HeapProfiler command sent then never
 * answers; a cheap evaluate does, at once, with "Cannot find context". While the target is merely busy the probe
 * just queues behind the command (one at a time), so a slow snapshot is never mistaken for an exit.
 */
export async function whileContextAlive<T>(session: CdpSession, command: Promise<T>): Promise<T> {
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const gone = new Promise<never>((_, reject) => {
    const probe = (): void => {
      if (settled) return;
      session.send('Runtime.evaluate', { expression: '1', returnByValue: true }, { timeoutMs: 24 * 3600_000 }).then(
        () => {
          if (!settled) timer = setTimeout(probe, CONTEXT_PROBE_MS);
        },
        (error: unknown) => {
          if (!settled && (isContextGone(error) || error instanceof SessionClosedError)) reject(error);
        },
      );
    };
    timer = setTimeout(probe, CONTEXT_PROBE_MS);
  });
  gone.catch(() => undefined);
  try {
    return await Promise.race([command, gone]);
  } finally {
    settled = true;
    clearTimeout(timer);
  }
}
