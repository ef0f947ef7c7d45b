#!/usr/bin/env node
// oclif checks on every start that Node satisfies its own `engines` (semver and its package.json, ~15 ms);
// package.json's `engines` (node >= 20) is stricter than oclif 4's (>= 18), so the check can never warn here.
// Set before oclif loads (a static import would run first); a user's own setting wins.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1';
const { execute } = await import('@oclif/core');
await execute({ dir: import.meta.url });
