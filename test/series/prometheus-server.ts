// Runs Debian's real `prometheus` binary on loopback with a temp config and storage, for the round-trip test.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from '../helpers/child.js';

/** apt may wait for another installer's lock: this long, then give up. */
const APT_LOCK_TIMEOUT_SECONDS = 300;
/** Prometheus 2.x starts in about a second; allow for a loaded two-core machine. */
const READY_TIMEOUT_MS = 30_000;

function which(binary: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function apt(args: string[]): void {
  execFileSync('apt-get', ['-o', `DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT_SECONDS}`, ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/**
 * The path of the `prometheus` binary, installing Debian's package when missing and running as root
 * (`apt-get install -y prometheus`, after one `apt-get update` if apt does not know the package). When it
 * cannot be had: under CI=true throws (a failure there), otherwise warns loudly and returns undefined.
 */
export function ensurePrometheus(): string | undefined {
  const found = which('prometheus');
  if (found) return found;
  let reason = 'not running as root, cannot apt-get install prometheus';
  if (process.getuid?.() === 0) {
    try {
      const policy = execFileSync('apt-cache', ['policy', 'prometheus'], { encoding: 'utf8' });
      if (!/Candidate: (?!\(none\))/.test(policy)) apt(['update']);
      apt(['install', '-y', '--no-install-recommends', 'prometheus']);
      const installed = which('prometheus');
      if (installed) return installed;
      reason = 'apt-get install prometheus finished but no prometheus binary is on PATH';
    } catch (error) {
      reason = `apt-get install prometheus failed: ${(error as Error).message}`;
    }
  }
  const message = `prometheus is not available (${reason}): the Prometheus round-trip test cannot run`;
  if (process.env.CI) throw new Error(`${message} (CI=true: this is a failure)`);
  console.warn(`\n!!! SKIPPING: ${message}\n`);
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface PrometheusServer {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts prometheus on 127.0.0.1 scraping `targets` (host:port) every second; resolves when /-/ready answers. */
export async function startPrometheus(binary: string, targets: string[]): Promise<PrometheusServer> {
  const temp = tempDir('pooldoc-prometheus-');
  const config = path.join(temp.dir, 'prometheus.yml');
  writeFileSync(
    config,
    ['global:', '  scrape_interval: 1s', '  scrape_timeout: 900ms', 'scrape_configs:', '  - job_name: pooldoc-test', '    static_configs:', `      - targets: [${targets.map((target) => `'${target}'`).join(', ')}]`, ''].join('\n'),
  );
  const port = await freePort();
  const child = spawn(binary, [`--config.file=${config}`, `--storage.tsdb.path=${path.join(temp.dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        temp.cleanup();
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return { url, child, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`prometheus did not become ready in ${READY_TIMEOUT_MS} ms: ${stderr}`);
}
