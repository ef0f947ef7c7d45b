// The CLI contract shared by every command: help lists the commands, usage errors exit 2 in one line.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { redact, redactString } from '../src/redact.js';

describe('pooldoc CLI', () => {
  it('prints help with its version and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Node\.js services that leak memory/);
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
