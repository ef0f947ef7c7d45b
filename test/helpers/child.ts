// Starts real Node child processes from inline scripts (the targets and snapshot makers tests need).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'pooldoc-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a script to completion and returns its stdout; rejects with stderr on a non-zero exit. */
export function runScript(source: string, options: { dir: string; name?: string; nodeArgs?: string[]; node?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<string> {
  const file = path.join(options.dir, options.name ?? 'script.cjs');
  writeFileSync(file, source);
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), file], { cwd: options.dir, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`script exited ${code}: ${stderr}`));
    });
  });
}

/** Starts a long-running target and resolves once it prints `readyLine` on stdout. */
export function startTarget(source: string, options: { dir: string; name?: string; nodeArgs?: string[]; node?: string; readyLine?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ChildProcess> {
  const file = path.join(options.dir, options.name ?? 'target.cjs');
  writeFileSync(file, source);
  const readyLine = options.readyLine ?? 'ready';
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), file], { cwd: options.dir, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`target did not print "${readyLine}" in time: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes(readyLine)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`target exited ${code} before ready: ${stderr}`));
    });
  });
}
