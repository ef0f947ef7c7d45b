// Writes oclif.manifest.json after each build (`npm run build`): every command's id, flags and file, so a run
// imports only the command it runs. Without it oclif imports all five command modules (and everything they pull
// in: the attach and audit stacks) just to list them: ~0.2 s of every `pooldoc` start on the bench machine.
// A fresh manifest needs oclif to scan dist/commands, so a stale one is deleted first (oclif would trust it).
// package.json's glob leaves out base.js (the shared base class) and index.js (the command registry of older
// builds, which tsc does not delete: oclif would take an index.js for a root command).
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const file = path.join(root, 'oclif.manifest.json');
rmSync(file, { force: true });
const config = await Config.load(root);
const manifest = config.rootPlugin.manifest;
const ids = Object.keys(manifest.commands);
// Each entry must name its file: oclif then imports that one module alone (cachedCommandCanBeUsed in oclif).
const unusable = ids.filter((id) => !('relativePath' in manifest.commands[id] && 'isESM' in manifest.commands[id]));
if (ids.length === 0 || unusable.length > 0) {
  console.error(`oclif manifest: no usable commands found in dist/commands (${unusable.join(', ') || 'none'})`);
  process.exit(1);
}
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
