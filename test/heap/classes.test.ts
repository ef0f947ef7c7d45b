// Class naming and the class retained rule, as DevTools' Summary computes them.
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot, classSummary, heapStatistics, parseSnapshot } from '../../src/heap/index.js';
import { buildSnapshot, withRoots } from './build-snapshot.js';

describe('class summary', () => {
  it('names node types as DevTools does and infers plain-object shapes', () => {
    const analysis = analyzeSnapshot(parseSnapshot(buildSnapshot(withRoots(
      [
        { type: 'object', name: 'Object', id: 7, size: 20, edges: [{ type: 'property', name: 'a', to: 9 }, { type: 'property', name: 'b', to: 9 }] },
        { type: 'object', name: 'Object', id: 9, size: 20, edges: [{ type: 'property', name: 'a', to: 9 }, { type: 'property', name: 'b', to: 9 }] },
        { type: 'object', name: 'Object', id: 11, size: 20, edges: [{ type: 'property', name: 'b', to: 9 }, { type: 'property', name: 'c', to: 9 }, { type: 'property', name: 'a', to: 9 }] },
        { type: 'object', name: 'Object', id: 13, size: 20, edges: [{ type: 'property', name: 'solo', to: 9 }] },
        { type: 'closure', name: 'handler', id: 15, size: 32 },
        { type: 'string', name: 'text', id: 17, size: 16 },
        { type: 'hidden', name: 'system / Context', id: 19, size: 40 },
        { type: 'code', name: 'fn', id: 21, size: 50 },
        { type: 'regexp', name: '/x/', id: 23, size: 24 },
        { type: 'native', name: 'Node / BindingData', id: 25, size: 64, detachedness: 2, edges: [{ type: 'property', name: 'child', to: 13 }] },
        { type: 'native', name: 'Node / Child', id: 27, size: 8 },
      ],
      [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((to) => ({ type: 'property', name: `p${to}`, to })),
    ))));
    const byName = new Map(classSummary(analysis).map((row) => [row.name, row]));
    // {a, b} is the common shape (2 objects); {b, c, a} has all its properties (in any order) so it joins; {solo} is alone.
    expect(byName.get('{a, b}')?.count).toBe(3);
    expect(byName.get('Object')?.count).toBe(1);
    for (const name of ['Function', '(string)', '(system)', '(compiled code)', 'RegExp', 'Detached Node / BindingData', 'Detached Node / Child']) {
      expect(byName.get(name)?.count, name).toBe(1);
    }
  });

  it('counts a class retained size once for nested instances of the same class', () => {
    // global → Outer(Box) → Inner(Box) → leaf: Box's class retained is Outer's retained, not Outer + Inner.
    const analysis = analyzeSnapshot(parseSnapshot(buildSnapshot(withRoots(
      [
        { type: 'object', name: 'Box', id: 7, size: 10, edges: [{ type: 'property', name: 'inner', to: 4 }] },
        { type: 'object', name: 'Box', id: 9, size: 20, edges: [{ type: 'property', name: 'leaf', to: 5 }] },
        { type: 'object', name: 'Leaf', id: 11, size: 30 },
      ],
      [{ type: 'property', name: 'outer', to: 3 }],
    ))));
    const box = classSummary(analysis, { filter: /^Box$/ })[0];
    expect(box).toMatchObject({ count: 2, shallowSize: 30, retainedSize: 60, distance: 2 });
    const statistics = heapStatistics(analysis);
    expect(statistics.total).toBe(160);
    expect(statistics.other).toBe(160);
  });
});
