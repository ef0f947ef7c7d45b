#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A checkout before its build (`npm ci` leaves that to `npm run build`): one line and exit 2, not a stack trace.
if (!existsSync(new URL('../dist/src/huge-pages.js', import.meta.url))) {
  process.stderr.write('pooldoc is not built: run `npm run build`\n');
  process.exit(2);
}

// oclif checks on every start that Node satisfies its own `engines` (semver and its package.json, ~15 ms);
// package.json's `engines` (node >= 20) is stricter than oclif 4's (>= 18), so the check can never warn here.
// Set before oclif loads (a static import would run first); a user's own setting wins.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1';
// Big snapshot files are read faster with huge pages (where the host does not take free memory back), which
// glibc only takes at process start: that case runs in a child started with them (src/huge-pages.ts), before
// oclif is loaded here for nothing.
const { relaunchWithHugePages } = await import('../dist/src/huge-pages.js');
const relaunched = await relaunchWithHugePages(fileURLToPath(import.meta.url));
if (relaunched !== undefined) {
  process.exitCode = relaunched;
} else {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
