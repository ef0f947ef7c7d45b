// npm lifecycle builds: `prepack` (npm pack, npm publish) builds from a clean dist/; `prepare` (git installs,
// npm install in a checkout) builds only when dist/ is missing.
import { execSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const event = process.env.npm_lifecycle_event;
// What bin/run.js and oclif need from a build; the same file bin/run.js checks for.
const built = existsSync(path.join(root, 'dist/src/huge-pages.js')) && existsSync(path.join(root, 'oclif.manifest.json'));

if (event === 'prepack') {
  // From clean: tsc never deletes the output of a removed source, and the tarball must hold only today's files.
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
} else if (event === 'prepare' && !built) {
  // This checkout's own `npm ci` (CI, and scripts/ensure-deps.mjs before `npm test` / `npm run demo`) skips it:
  // those build right after, so building here would build twice. A git dependency is prepared by `npm install`
  // in its clone (pacote), so it still builds.
  const ownCi = process.env.npm_command === 'ci' && path.resolve(process.env.INIT_CWD ?? '') === root;
  if (ownCi) process.exit(0);
  // `npm install --omit=dev` in a checkout has no TypeScript: say so rather than fail the install.
  if (!existsSync(path.join(root, 'node_modules/typescript'))) {
    console.error('pooldoc: not built (TypeScript is not installed); run `npm install` then `npm run build`');
    process.exit(0);
  }
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
