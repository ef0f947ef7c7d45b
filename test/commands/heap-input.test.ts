// Bad input at the CLI: every broken file is one line on stderr naming the file (and the byte offset when the
// content is at fault), exit 2, no stack trace. A fuzz pass truncates and corrupts a real snapshot: never a crash.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/child.js';
import { runCli, SLOW_CLI_TIMEOUT_MS, type CliResult } from '../helpers/cli.js';
import { writeSnapshot } from '../helpers/snapshots.js';

/** uid/gid of `nobody` on Debian-like systems: an unprivileged user root can switch to. */
const NOBODY = 65534;
/** Fuzz cases run this many CLI processes at once (2 cores). */
const PARALLEL = 2;

/** The contract for bad input: exit 2, exactly one stderr line naming the file, nothing that looks like a stack. */
function expectOneLineError(result: CliResult, file: string, pattern?: RegExp): void {
  expect(result.code, `stdout: ${result.stdout.slice(0, 300)}\nstderr: ${result.stderr}`).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toContain(path.basename(file));
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/internal error/);
  if (pattern) expect(lines[0]).toMatch(pattern);
}

/** The byte offset an error line names, e.g. "file (byte 123): …". */
function byteOffset(result: CliResult): number {
  const match = /\(byte (\d+)\)/.exec(result.stderr);
  expect(match, `no byte offset in: ${result.stderr}`).not.toBeNull();
  return Number(match![1]);
}

describe('pooldoc heap on bad input', { timeout: SLOW_CLI_TIMEOUT_MS }, () => {
  const temp = tempDir();
  let snapshot: string;
  let bytes: Buffer;
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(temp.dir, name);
    writeFileSync(file, content);
    return file;
  };

  beforeAll(async () => {
    snapshot = await writeSnapshot(temp.dir, 'globalThis.__keep = new Map([["a", { b: 1 }]]);', 'real');
    bytes = readFileSync(snapshot);
  }, SLOW_CLI_TIMEOUT_MS);
  afterAll(() => temp.cleanup());

  it('names a missing file', async () => {
    const file = path.join(temp.dir, 'missing.heapsnapshot');
    expectOneLineError(await runCli(['heap', file]), file, /no such file/);
  });

  it('refuses a directory', async () => {
    const dir = path.join(temp.dir, 'a-directory.heapsnapshot');
    mkdirSync(dir);
    expectOneLineError(await runCli(['heap', dir]), dir, /directory/);
  });

  it('refuses an empty file at byte 0', async () => {
    const file = write('empty.heapsnapshot', '');
    const result = await runCli(['heap', file]);
    expectOneLineError(result, file);
    expect(byteOffset(result)).toBe(0);
  });

  it('refuses text that is not JSON, naming the byte', async () => {
    const file = write('text.heapsnapshot', 'hello, this is not a snapshot\n');
    const result = await runCli(['heap', file]);
    expectOneLineError(result, file);
    expect(byteOffset(result)).toBeLessThanOrEqual(1);
  });

  it('refuses JSON that is not a heap snapshot', async () => {
    const file = write('other.json', JSON.stringify({ name: 'pkg', version: '1.0.0', nodes: [1, 2, 3] }));
    expectOneLineError(await runCli(['heap', file]), file, /not a V8 heap snapshot/);
  });

  it('refuses a header whose node_count does not match the nodes', async () => {
    const text = bytes.toString('latin1');
    const count = Number(/"node_count":(\d+)/.exec(text)![1]);
    const file = write('bad-count.heapsnapshot', Buffer.from(text.replace(`"node_count":${count}`, `"node_count":${count + 7}`), 'latin1'));
    const result = await runCli(['heap', file]);
    expectOneLineError(result, file, /node/);
    expect(byteOffset(result)).toBeGreaterThan(0);
  });

  it('refuses an edge_count that does not match the edges', async () => {
    const text = bytes.toString('latin1');
    const count = Number(/"edge_count":(\d+)/.exec(text)![1]);
    const file = write('bad-edges.heapsnapshot', Buffer.from(text.replace(`"edge_count":${count}`, `"edge_count":${count - 3}`), 'latin1'));
    expectOneLineError(await runCli(['heap', file]), file, /edge/);
  });

  it('refuses an unreadable file (as an unprivileged user when running as root)', async () => {
    const file = write('secret.heapsnapshot', bytes);
    chmodSync(file, 0o000);
    const asRoot = process.getuid?.() === 0;
    // Root reads any file regardless of mode, so the test drops to `nobody` (temp dir opened up for traversal).
    if (asRoot) chmodSync(temp.dir, 0o755);
    const result = await runCli(['heap', file], asRoot ? { uid: NOBODY, gid: NOBODY, env: { HOME: temp.dir } } : {});
    expectOneLineError(result, file, /permission denied/);
  });

  it('reports a truncation at the CLI with the byte offset, wherever the cut falls', async () => {
    const size = bytes.length;
    // Header, nodes, edges, the middle sections, strings, and the very last byte.
    const offsets = [40, Math.floor(size * 0.2), Math.floor(size * 0.5), Math.floor(size * 0.8), size - 100, size - 1];
    const cases = offsets.map((offset) => ({ offset, file: write(`cut-${offset}.heapsnapshot`, bytes.subarray(0, offset)) }));
    await inBatches(cases, async ({ offset, file }) => {
      const result = await runCli(['heap', file]);
      expectOneLineError(result, file);
      expect(byteOffset(result)).toBeLessThanOrEqual(offset);
    });
  });

  it('keeps --json errors as JSON on stdout ({ error: { message, exitCode } }), no stack on stderr', async () => {
    const file = write('cut-json.heapsnapshot', bytes.subarray(0, Math.floor(bytes.length / 3)));
    const result = await runCli(['heap', file, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const output = JSON.parse(result.stdout);
    expect(output.error.exitCode).toBe(2);
    expect(output.error.message).toContain(path.basename(file));
    expect(output.error.message).toMatch(/\(byte \d+\)/);
  });
});

async function inBatches<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(run));
}
