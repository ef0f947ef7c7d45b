// Growth verdicts as tables: monotonic vs fluctuating, thresholds at their edges, two snapshots, rates, ranking.
import { describe, expect, it } from 'vitest';
import {
  collectionGrowth,
  isMonotonicGrowth,
  MIN_LEAK_ENTRY_GROWTH,
  MIN_LEAK_OBJECT_GROWTH_BYTES,
  MIN_OBJECT_RETAINED_BYTES,
  objectGrowth,
  overallGrowthVerdict,
  type TrackedSeries,
} from '../../src/detect/collection-growth.js';

function collection(id: number, entries: number[], retainedSize = entries.map((n) => n * 100)): TrackedSeries {
  return { id, kind: 'Map', name: 'Map', path: `global.c${id}`, entries, retainedSize };
}
function object(id: number, retainedSize: number[]): TrackedSeries {
  return { id, kind: 'object', name: 'Store', path: `global.o${id}`, entries: [], retainedSize };
}

describe('isMonotonicGrowth', () => {
  it.each([
    [[1, 2, 3], true],
    // Strict: a flat step is "grew then held" (163 → 189 → 189 is not growth in every snapshot, issue 19 case 6).
    [[1, 1, 2], false],
    [[163, 189, 189], false],
    [[1, 1, 1], false],
    [[3, 2, 4], false],
    [[5], false],
    [[2, 1], false],
  ])('%j → %s', (values, expected) => {
    expect(isMonotonicGrowth(values)).toBe(expected);
  });
});

describe('collectionGrowth', () => {
  it('calls steady growth over three snapshots a leak and gives rates', () => {
    const [result] = collectionGrowth([collection(1, [100, 200, 300])], { times: [0, 60, 120] });
    expect(result).toMatchObject({ id: 1, verdict: 'leak', monotonic: true, growth: 200, perSnapshot: 100, measure: 'entries' });
    expect(result.perSecond).toBeCloseTo(200 / 120);
  });

  it('keeps fluctuating growth as ok, not monotonic', () => {
    const [result] = collectionGrowth([collection(1, [100, 400, 300])]);
    expect(result).toMatchObject({ verdict: 'ok', monotonic: false, growth: 200 });
    expect(result.perSecond).toBeUndefined();
  });

  it('calls growth that held still in one step "grew then held", not a leak', () => {
    const [result] = collectionGrowth([collection(1, [163, 189, 189])]);
    expect(result).toMatchObject({ verdict: 'ok', monotonic: false, growth: 26 });
    expect(result.reason).toMatch(/then held \(flat in 1 of 2 intervals\)/);
    expect(overallGrowthVerdict([result], 3)).toBe('ok');
  });

  it('needs three snapshots for a verdict', () => {
    const [result] = collectionGrowth([collection(1, [100, 5000])]);
    expect(result.verdict).toBe('insufficient-data');
    expect(overallGrowthVerdict([result], 2)).toBe('insufficient-data');
  });

  it('applies the entry floor exactly at its edge', () => {
    const below = collectionGrowth([collection(1, [0, 5, MIN_LEAK_ENTRY_GROWTH - 1])])[0];
    const at = collectionGrowth([collection(2, [0, 5, MIN_LEAK_ENTRY_GROWTH])])[0];
    expect(below.verdict).toBe('ok');
    expect(at.verdict).toBe('leak');
  });

  it('drops collections that did not grow and ranks leaks first, then by growth', () => {
    const results = collectionGrowth([collection(1, [10, 10, 10]), collection(2, [10, 9000, 50]), collection(3, [10, 20, 40]), collection(4, [10, 500, 1000]), collection(5, [30, 20, 10])]);
    expect(results.map((r) => r.id)).toEqual([4, 3, 2]);
    expect(overallGrowthVerdict(results, 3)).toBe('leak');
  });

  it('says ok when three snapshots show no growth', () => {
    expect(overallGrowthVerdict(collectionGrowth([collection(1, [10, 10, 10])]), 3)).toBe('ok');
  });
});

describe('objectGrowth', () => {
  it('ignores objects that end below the 10 KiB floor (MemLab unboundSizeThreshold)', () => {
    expect(objectGrowth([object(1, [10, 20, MIN_OBJECT_RETAINED_BYTES - 1])])).toEqual([]);
    expect(objectGrowth([object(1, [10, 20, MIN_OBJECT_RETAINED_BYTES])])).toHaveLength(1);
  });

  it('calls monotonic growth of at least the object floor a leak, smaller growth ok', () => {
    const base = 1_000_000;
    const half = MIN_LEAK_OBJECT_GROWTH_BYTES / 2;
    const [leak] = objectGrowth([object(1, [base, base + half, base + MIN_LEAK_OBJECT_GROWTH_BYTES])]);
    const [small] = objectGrowth([object(2, [base, base + half, base + MIN_LEAK_OBJECT_GROWTH_BYTES - 1])]);
    expect(leak).toMatchObject({ verdict: 'leak', measure: 'retainedSize', monotonic: true });
    expect(small).toMatchObject({ verdict: 'ok', monotonic: true });
    expect(small.reason).toMatch(/only by/);
  });
});
