// Installs dependencies when node_modules is missing or older than the lockfile, so `npm test` and
// `npm run demo` work straight after a clone.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const stamp = 'node_modules/.package-lock.json';
const stale = !existsSync(stamp) || statSync(stamp).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.error('pooldoc: installing dependencies…');
  // `npm install --no-save` rather than `npm ci`: npm 11's ci rejects a lockfile that lists only this
  // platform's entry of oxc-parser's optional per-platform bindings ("Missing: @oxc-parser/binding-…"),
  // while install honours the same pinned versions and leaves package.json and the lockfile untouched.
  execSync('npm install --no-save --no-audit --no-fund', { stdio: 'inherit' });
}
