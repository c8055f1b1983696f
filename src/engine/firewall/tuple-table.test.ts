import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TupleTable } from './tuple-table';

const tupleArb = fc.tuple(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0, max: 0xffff }),
  fc.integer({ min: 0, max: 0xffff }),
  fc.constantFrom(1, 6, 17),
);

describe('TupleTable', () => {
  it('behaves like a Map for any sequence of inserts and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 })), { maxLength: 400 }),
        fc.array(tupleArb, { minLength: 41, maxLength: 41 }),
        (ops, tuples) => {
          const table = new TupleTable(64);
          const model = new Map<number, number>();
          ops.forEach(([insert, k], step) => {
            const t = tuples[k];
            const key = tuples.findIndex((u) => u.join() === t.join());
            if (insert && !model.has(key) && model.size < 64) {
              table.set(...t, step);
              model.set(key, step);
            } else if (!insert) {
              expect(table.delete(...t)).toBe(model.delete(key));
            }
            for (const [m, value] of model) expect(table.get(...tuples[m])).toBe(value);
            expect(table.size).toBe(model.size);
          });
        },
      ),
    );
  });

  it('tells the two directions of a flow apart', () => {
    const table = new TupleTable(4);
    table.set(1, 2, 1000, 80, 6, 10);
    table.set(2, 1, 80, 1000, 6, 11);
    expect(table.get(1, 2, 1000, 80, 6)).toBe(10);
    expect(table.get(2, 1, 80, 1000, 6)).toBe(11);
    expect(table.get(1, 2, 1000, 80, 17)).toBe(-1);
    expect(table.get(1, 2, 80, 1000, 6)).toBe(-1);
  });

  it('is bounded', () => {
    const table = new TupleTable(2);
    table.set(1, 1, 1, 1, 6, 0);
    table.set(2, 2, 2, 2, 6, 1);
    expect(table.full).toBe(true);
    expect(() => table.set(3, 3, 3, 3, 6, 2)).toThrow(/full/);
  });
});
