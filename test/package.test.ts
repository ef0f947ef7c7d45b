// The way in, as a user or a CI system takes it: `npm ci` from the lockfile, the packed tarball, an unbuilt checkout.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';
import { tempDir } from './helpers/child.js';

describe('package-lock.json', () => {
  const scratch = tempDir('pooldoc-lock-');
  afterAll(scratch.cleanup);

  it('satisfies `npm ci` (every platform\'s optional bindings are recorded)', () => {
    // npm's own check, in a folder holding only the manifest and the lockfile: --dry-run stops before any download
    // and --offline keeps it from the registry, yet npm ci still rejects a lockfile out of step ("Missing: … from lock file").
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(REPO_ROOT, file), path.join(scratch.dir, file));
    const output = execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'], { cwd: scratch.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(output).toMatch(/added \d+ packages/);
  });
});
