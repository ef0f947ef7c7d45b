// topOrdinals against a full stable sort: same picks, same order, ties to the smaller index, filters applied.
import { describe, expect, it } from 'vitest';
import { topOrdinals } from '../../src/heap/summary.js';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

describe('topOrdinals', () => {
  it('equals sorting everything (descending score, then ascending index) on random scores with many ties', () => {
    const next = random(11);
    for (let round = 0; round < 200; round++) {
      const count = Math.floor(next() * 300);
      const top = Math.floor(next() * 25);
      const scores = Array.from({ length: count }, () => Math.floor(next() * 20));
      const accepted = Array.from({ length: count }, () => next() < 0.7);
      const expected = scores.map((_, i) => i).filter((i) => accepted[i]).sort((a, b) => scores[b] - scores[a] || a - b).slice(0, top);
      expect(topOrdinals(count, top, (i) => scores[i], (i) => accepted[i]), `round ${round}`).toEqual(expected);
    }
  });

  it('asks the filter only about nodes that could still get in', () => {
    const asked: number[] = [];
    topOrdinals(6, 2, (i) => [5, 9, 1, 9, 2, 10][i], (i) => (asked.push(i), true));
    expect(asked).toEqual([0, 1, 3, 5]);
  });
});
