// Installs dependencies with `npm ci` when node_modules is missing or does not match the lockfile, so `npm test`
// and `npm run demo` work straight after a clone.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';

/**
 * Stale means a package the lockfile pins is absent or at another version in node_modules. Compared by content,
 * not by file times: a checkout rewrites the lockfile's mtime without changing it, and `npm ci` deletes
 * node_modules first, so a needless run would pull the tree from under anything else using it. Optional entries
 * that are absent are the other platforms' bindings (npm installs only this platform's).
 */
function stale() {
  if (!existsSync(installed)) return true;
  const wanted = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
  const have = JSON.parse(readFileSync(installed, 'utf8')).packages;
  return Object.entries(wanted).some(([path, entry]) => {
    if (path === '' || entry.link) return false;
    const got = have[path];
    if (got === undefined) return !entry.optional;
    return got.version !== entry.version;
  });
}

if (stale()) {
  console.error('pooldoc: installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
