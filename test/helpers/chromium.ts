// Headless Chromium for rendering checks: Debian's `chromium`, flags for this closed network, a fresh profile per run.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Background networking flags keep Chromium from dialling out at start (refused on this machine, slow elsewhere). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'];

export function findChromium(): string | undefined {
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

/**
 * The Chromium binary, or undefined after a loud warning so the caller can skip. Under CI=true a missing
 * Chromium is a failure (.ci/run installs Debian's package).
 */
export function requireChromium(): string | undefined {
  const binary = findChromium();
  if (binary) return binary;
  const message = 'chromium is not installed: the HTML rendering check cannot run (apt-get install -y chromium)';
  if (process.env.CI) throw new Error(`${message} (CI=true: a missing browser is a failure)`);
  console.warn(`\n!!! SKIPPING: ${message}.\n`);
  return undefined;
}

/** Runs Chromium headless with `extra` arguments and the page URL; resolves stdout (e.g. --dump-dom). */
export function runChromium(binary: string, extra: string[], url: string, timeoutMs = 90_000): Promise<string> {
  const profile = mkdtempSync(path.join(tmpdir(), 'pooldoc-chromium-'));
  return new Promise((resolve, reject) => {
    execFile(binary, [...FLAGS, `--user-data-dir=${profile}`, ...extra, url], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr.slice(-2000)}`));
      else resolve(stdout);
    });
  });
}
