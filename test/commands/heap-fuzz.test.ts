// Fuzz: a real snapshot truncated at many offsets and with flipped bytes goes through the whole `heap` pipeline
// (read, analyse, summaries, paths). Each case ends in a result or an InputError naming the input and a byte
// offset inside it: never another exception. In-process, so hundreds of cases stay fast; the CLI's mapping of
// InputError to one line and exit 2 is tested in heap-input.test.ts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { analyzeSnapshot, classSummary, heapStatistics, largestCollections, largestObjects, parseSnapshot } from '../../src/heap/index.js';
import { tempDir } from '../helpers/child.js';
import { SLOW_CLI_TIMEOUT_MS } from '../helpers/cli.js';
import { writeSnapshot } from '../helpers/snapshots.js';

const LABEL = 'fuzz.heapsnapshot';
const TRUNCATIONS = 80;
const FLIPS = 48;
/** Bytes that change JSON structure when they land in the wrong place, plus NUL/0xFF and a digit. */
const GARBAGE = [0x22, 0x5d, 0x5b, 0x2c, 0x7b, 0x7d, 0x2d, 0x39, 0x5c, 0x00, 0xff, 0x20, 0x65, 0x3a];

type Outcome = { kind: 'result'; nodeCount: number } | { kind: 'input-error'; offset: number; message: string };

/** What `pooldoc heap` does with a file, minus rendering. Throws whatever the engine throws. */
function runPipeline(bytes: Uint8Array): Outcome {
  try {
    const snapshot = parseSnapshot(bytes, LABEL);
    const analysis = analyzeSnapshot(snapshot);
    classSummary(analysis);
    largestObjects(analysis, { top: 5 });
    largestCollections(analysis, { top: 5 });
    heapStatistics(analysis);
    return { kind: 'result', nodeCount: snapshot.nodeCount };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const offset = Number(/\(byte (\d+)\)/.exec(error.message)?.[1] ?? NaN);
    return { kind: 'input-error', offset, message: error.message };
  }
}

describe('heap pipeline fuzz', { timeout: SLOW_CLI_TIMEOUT_MS }, () => {
  const temp = tempDir();
  let bytes: Buffer;

  beforeAll(async () => {
    bytes = readFileSync(await writeSnapshot(temp.dir, 'globalThis.__keep = { m: new Map([["k\\u00e9", { v: [1, 2] }]]), s: new Set(["x"]) };', 'fuzz'));
  }, SLOW_CLI_TIMEOUT_MS);
  afterAll(() => temp.cleanup());

  it('reads the intact snapshot (the baseline the mutations start from)', () => {
    expect(runPipeline(bytes)).toMatchObject({ kind: 'result' });
  });

  it(`turns ${TRUNCATIONS} truncations into InputErrors with a byte offset inside the cut file`, () => {
    for (let i = 0; i < TRUNCATIONS; i++) {
      // Dense near the start (header) and spread over the rest; always at least one byte short.
      const cut = i < 20 ? i * 7 : Math.floor(((i - 19) / (TRUNCATIONS - 19)) * (bytes.length - 1));
      const outcome = runPipeline(bytes.subarray(0, cut));
      expect(outcome.kind, `truncated at ${cut}`).toBe('input-error');
      if (outcome.kind !== 'input-error') continue;
      expect(outcome.message).toContain(LABEL);
      expect(outcome.offset, outcome.message).toBeGreaterThanOrEqual(0);
      expect(outcome.offset, outcome.message).toBeLessThanOrEqual(cut);
    }
  });

  it(`never throws anything but an InputError for ${FLIPS} flipped bytes`, () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const outcomes = { result: 0, 'input-error': 0 };
    for (let i = 0; i < FLIPS; i++) {
      const copy = Buffer.from(bytes);
      const at = Math.floor(random() * copy.length);
      copy[at] = GARBAGE[i % GARBAGE.length];
      const outcome = runPipeline(copy);
      outcomes[outcome.kind]++;
      if (outcome.kind === 'input-error') {
        expect(outcome.message).toContain(LABEL);
        // A flip can leave the JSON well-formed but make a value point nowhere (an edge naming a string that does
        // not exist); the engine finds that after parsing and names the row (`edge #N`) instead of a byte.
        if (Number.isNaN(outcome.offset)) expect(outcome.message).toMatch(/(?:edge|node) #\d+/);
        else expect(outcome.offset, outcome.message).toBeLessThanOrEqual(copy.length);
      }
    }
    // Both outcomes must occur, or the mutations did not reach the structure (or nothing parses at all).
    expect(outcomes.result).toBeGreaterThan(0);
    expect(outcomes['input-error']).toBeGreaterThan(0);
  });
});
