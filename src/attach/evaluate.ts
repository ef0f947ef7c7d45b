// Runtime.evaluate / callFunctionOn helpers: return the value, turn an exception in the target into an error.
import type { Protocol } from 'devtools-protocol';
import type { CdpSession } from './cdp-session.js';

export class TargetEvaluationError extends Error {}

function check(response: { result: Protocol.Runtime.RemoteObject; exceptionDetails?: Protocol.Runtime.ExceptionDetails }, what: string): Protocol.Runtime.RemoteObject {
  if (response.exceptionDetails) {
    const details = response.exceptionDetails;
    throw new TargetEvaluationError(`${what}: ${details.exception?.description?.split('\n')[0] ?? details.text}`);
  }
  return response.result;
}

/** Evaluates a side-effect-free expression and returns its JSON value; `timeoutMs` stops a runaway expression. */
export async function evaluateValue<T>(session: CdpSession, expression: string, options: { timeoutMs?: number; commandLineApi?: boolean } = {}): Promise<T> {
  const response = await session.send('Runtime.evaluate', {
    expression,
    returnByValue: true,
    silent: true,
    includeCommandLineAPI: options.commandLineApi,
    timeout: options.timeoutMs,
  });
  return check(response, 'evaluate').value as T;
}

/** Evaluates and keeps the result in the target (an object id in `objectGroup`), for later calls on it. */
export async function evaluateHandle(session: CdpSession, expression: string, objectGroup: string, options: { timeoutMs?: number; commandLineApi?: boolean } = {}): Promise<Protocol.Runtime.RemoteObject> {
  const response = await session.send('Runtime.evaluate', { expression, objectGroup, silent: true, timeout: options.timeoutMs, includeCommandLineAPI: options.commandLineApi });
  return check(response, 'evaluate');
}

/** Calls `functionDeclaration` with `this` bound to a held object and returns the JSON value. */
export async function callOn<T>(session: CdpSession, objectId: string, functionDeclaration: string, args: Protocol.Runtime.CallArgument[] = [], objectGroup?: string): Promise<T> {
  const response = await session.send('Runtime.callFunctionOn', { objectId, functionDeclaration, arguments: args, returnByValue: true, silent: true, objectGroup });
  return check(response, 'callFunctionOn').value as T;
}

/** Like callOn but keeps the result in the target. */
export async function callOnHandle(session: CdpSession, objectId: string, functionDeclaration: string, args: Protocol.Runtime.CallArgument[], objectGroup: string): Promise<Protocol.Runtime.RemoteObject> {
  const response = await session.send('Runtime.callFunctionOn', { objectId, functionDeclaration, arguments: args, silent: true, objectGroup });
  return check(response, 'callFunctionOn');
}
