import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partialSort } from './partial-sort';

/** Orders item indices by a key, ties by index: a strict total order, as partialSort needs. */
const byKey = (keys: readonly number[]) => (a: number, b: number) => keys[a] - keys[b] || a - b;

describe('partialSort', () => {
  it('puts in the window exactly what a full sort puts there, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }),
        fc.nat(310),
        fc.nat(40),
        (keys, from, width) => {
          const compare = byKey(keys);
          const items = Uint32Array.from(keys, (_, i) => i);
          const sorted = [...items].sort(compare);
          partialSort(items, from, from + width, compare);
          const lo = Math.min(from, keys.length);
          const hi = Math.min(from + width, keys.length);
          expect([...items.subarray(lo, hi)]).toEqual(sorted.slice(lo, hi));
          // Nothing lost or doubled: still a permutation.
          expect([...items].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
        },
      ),
    );
  });

  it('stays linear on input already in order or in reverse (a table in id order)', () => {
    const n = 100_000;
    let comparisons = 0;
    const compare = (a: number, b: number) => {
      comparisons++;
      return a - b;
    };
    for (const items of [
      Uint32Array.from({ length: n }, (_, i) => i),
      Uint32Array.from({ length: n }, (_, i) => n - 1 - i),
    ]) {
      comparisons = 0;
      partialSort(items, 50_000, 50_020, compare);
      expect([...items.subarray(50_000, 50_020)]).toEqual(
        Array.from({ length: 20 }, (_, k) => 50_000 + k),
      );
      // A full sort would make about n·log2(n) ≈ 1.7 M comparisons.
      expect(comparisons).toBeLessThan(8 * n);
    }
  });

  it('does nothing for an empty window or one outside the array', () => {
    const items = Uint32Array.from([3, 1, 2]);
    partialSort(items, 2, 2, (a, b) => a - b);
    partialSort(items, 5, 9, (a, b) => a - b);
    expect([...items]).toEqual([3, 1, 2]);
  });
});
