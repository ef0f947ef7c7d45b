// The audit command's CI contract: exit codes 0/1/2, --max-warnings, stylish output, config errors in one line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/child.js';
import { parseJson, runCli } from '../helpers/cli.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

function project(files: Record<string, string>): string {
  const { dir, cleanup } = tempDir('pooldoc-audit-');
  cleanups.push(cleanup);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

// Clean under every rule: bounded size, checkout, lifetime, statements and idle transactions.
const CLEAN_PG =
  "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 5, connectionTimeoutMillis: 1000, maxLifetimeSeconds: 1800, statement_timeout: 30000, idle_in_transaction_session_timeout: 60000 });\npool.on('error', () => undefined);\n";
const AGENT = "import http from 'node:http';\nexport const agent = new http.Agent({ maxSockets: 10 });\n";

describe('pooldoc audit exit codes and output', () => {
  it('exits 0 on a clean project and says so', async () => {
    const dir = project({ 'src/db.ts': CLEAN_PG });
    const result = await runCli(['audit'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no problems (1 file, 1 pool/client config)');
  });

  it('warnings exit 0 unless over --max-warnings', async () => {
    const dir = project({ 'agent.ts': AGENT });
    expect((await runCli(['audit'], { cwd: dir })).code).toBe(0);
    const strict = await runCli(['audit', '--max-warnings', '0'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/agent\.ts\n {2}2:22 {2}warning {2}new http\.Agent has no socket timeout.*http-agent-bounded/);
  });

  it('rule severities and options come from .pooldocrc.yaml and package.json', async () => {
    const yaml = project({ 'agent.ts': AGENT, '.pooldocrc.yaml': 'rules:\n  http-agent-bounded: error\n' });
    expect((await runCli(['audit'], { cwd: yaml })).code).toBe(1);
    const pkg = project({ 'agent.ts': AGENT, 'package.json': JSON.stringify({ name: 'x', pooldoc: { rules: { 'http-agent-bounded': 'off' } } }) });
    const result = await runCli(['audit', '--json'], { cwd: pkg });
    expect(parseJson<{ findings: unknown[] }>(result).findings).toEqual([]);
  });

  it('a bad config is exit 2 with one line naming the file and the key', async () => {
    const dir = project({ 'a.ts': CLEAN_PG, '.pooldocrc.json': JSON.stringify({ rules: { 'acquire-timeout': ['error', { maxMs: 'soon' }] } }) });
    const result = await runCli(['audit'], { cwd: dir });
    expect(result.code).toBe(2);
    // oclif wraps long error lines to the terminal width with a `›` gutter; the message itself is one line.
    const message = result.stderr.replace(/\s*\n\s*›\s*/g, ' ').trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('.pooldocrc.json: invalid pooldoc config: rules.acquire-timeout options.maxMs: Invalid input: expected number');
    const unknown = project({ '.pooldocrc.json': JSON.stringify({ rules: { 'no-such-rule': 'error' } }) });
    expect((await runCli(['audit'], { cwd: unknown })).stderr.replace(/\s*\n\s*›\s*/g, ' ')).toContain('rules.no-such-rule: unknown rule');
    const broken = project({ '.pooldocrc.json': '{ "rules": ' });
    expect((await runCli(['audit'], { cwd: broken })).code).toBe(2);
  });

  it('a missing path is exit 2, not a crash', async () => {
    const result = await runCli(['audit', 'does-not-exist'], { cwd: project({}) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('does-not-exist: no such file');
    expect(result.stderr).not.toContain('    at ');
  });

  it('--ignore skips matching files', async () => {
    const dir = project({ 'legacy/agent.ts': AGENT, 'src/db.ts': CLEAN_PG });
    const result = await runCli(['audit', '--json', '--max-warnings', '0', '--ignore', 'legacy/'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(parseJson<{ summary: { files: number } }>(result).summary.files).toBe(1);
  });
});
