// The CLI contract shared by every command: help lists the commands, usage errors exit 2 in one line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { redact, redactString } from '../src/redact.js';

describe('pooldoc CLI', () => {
  it('prints help with its version and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Node\.js services that leak memory/);
    for (const id of ['analyze', 'audit', 'diff', 'heap', 'trend']) expect(result.stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
  });

  it('has a manifest from the build that names each command\'s own file (a run imports only that one)', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, { relativePath: string[]; isESM: boolean }> };
    expect(Object.keys(manifest.commands).sort()).toEqual(['analyze', 'audit', 'diff', 'heap', 'trend']);
    for (const [id, command] of Object.entries(manifest.commands)) expect(command.relativePath).toEqual(['dist', 'commands', `${id}.js`]);
  });
});

describe('redaction', () => {
  it('hides URL passwords and key=value secrets but keeps the rest', () => {
    expect(redactString('postgres://app:s3cr3t@db:5432/x?sslmode=require')).toBe('postgres://app:***@db:5432/x?sslmode=require');
    expect(redactString('host=db user=app password=hunter2 dbname=x')).toBe('host=db user=app password=*** dbname=x');
  });
  it('hides secret-named fields at any depth and keeps counts', () => {
    const out = redact({ pool: { password: 'p', max: 10, authSource: 'admin', nested: [{ apiKey: 'k', url: 'redis://:pw@h:6379' }] } });
    expect(out).toEqual({ pool: { password: '***', max: 10, authSource: 'admin', nested: [{ apiKey: '***', url: 'redis://:***@h:6379' }] } });
  });
});
