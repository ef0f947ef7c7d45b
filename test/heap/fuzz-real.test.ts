// Fuzz on a real snapshot: truncations at many offsets and random byte flips never crash the engine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { analyzeSnapshot, classSummary, largestCollections, parseSnapshot } from '../../src/heap/index.js';
import { runScript, tempDir } from '../helpers/child.js';

/** Truncation points: every byte of the header region, evenly spread ones through the body, and the tail. */
const HEADER_BYTES = 1500;
const SPREAD_POINTS = 12;
const TAIL_BYTES = 60;
const TAIL_STEP = 6;
const FLIPS = 16;

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

describe('fuzzing a real snapshot', () => {
  const temp = tempDir('pooldoc-heap-fuzz-');
  let bytes: Buffer;
  beforeAll(async () => {
    const file = path.join(temp.dir, 'small.heapsnapshot');
    await runScript(`require('node:v8').writeHeapSnapshot(${JSON.stringify(file)}); globalThis.keep = new Map([['a', {}]]);`, { dir: temp.dir });
    bytes = readFileSync(file);
  });
  afterAll(() => temp.cleanup());

  it('rejects every truncation with an InputError at or before the cut', { timeout: 300_000 }, () => {
    const cuts = new Set<number>();
    for (let at = 0; at < HEADER_BYTES; at += 5) cuts.add(at);
    for (let k = 1; k < SPREAD_POINTS; k++) cuts.add(Math.floor((bytes.length * k) / SPREAD_POINTS));
    for (let at = bytes.length - TAIL_BYTES; at < bytes.length; at += TAIL_STEP) cuts.add(at);
    for (const cut of cuts) {
      let error: unknown;
      try {
        parseSnapshot(bytes.subarray(0, cut), 'cut.heapsnapshot');
      } catch (caught) {
        error = caught;
      }
      expect(error, `cut at ${cut}`).toBeInstanceOf(InputError);
      expect((error as InputError).position?.offset ?? 0).toBeLessThanOrEqual(cut);
    }
  });

  it('turns random byte flips into an InputError or a snapshot that analyses', { timeout: 300_000 }, () => {
    const random = seeded(7);
    let analysed = 0;
    for (let k = 0; k < FLIPS; k++) {
      const copy = Buffer.from(bytes);
      const at = Math.floor(random() * copy.length);
      copy[at] = Math.floor(random() * 256);
      try {
        const analysis = analyzeSnapshot(parseSnapshot(copy, 'flip.heapsnapshot'));
        classSummary(analysis);
        largestCollections(analysis, { top: 5 });
        expect(analysis.totalSize).toBe(analysis.snapshot.totalSize());
        analysed++;
      } catch (error) {
        expect(error, `flip at ${at}`).toBeInstanceOf(InputError);
      }
    }
    // Most flips land in numbers and leave a valid, analysable snapshot: the analysis path is exercised.
    expect(analysed).toBeGreaterThan(0);
  });
});
