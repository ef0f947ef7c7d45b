// Starts fixtures/apps/prom-metrics-app.mjs (prom-client defaults + pg-pool-like gauges) as a real child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const APP = fileURLToPath(new URL('../../fixtures/apps/prom-metrics-app.mjs', import.meta.url));

export interface MetricsApp {
  child: ChildProcess;
  port: number;
  url: string;
  stop: () => Promise<void>;
}

/** Starts the app and resolves once it prints its port; `env` sets LEAK_BYTES_PER_SECOND, POOL_HOLD_MS, PORT. */
export function startMetricsApp(env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Promise<MetricsApp> {
  const child = spawn(process.execPath, [...nodeArgs, APP], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`metrics app did not start: ${stderr}`)), 20_000);
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /ready (\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const port = Number(match[1]);
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({ child, port, url: `http://127.0.0.1:${port}/metrics`, stop });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`metrics app exited ${code}: ${stderr}`));
    });
  });
}
