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
          // A tuple's key: the first of the equal ones (the generator may repeat a tuple).
          const texts = tuples.map((u) => u.join());
          const keys = texts.map((text) => texts.indexOf(text));
          ops.forEach(([insert, k], step) => {
            const t = tuples[k];
            const key = keys[k];
            if (insert && !model.has(key) && model.size < 64) {
              table.set(...t, step);
              model.set(key, step);
            } else if (!insert) {
              expect(table.delete(...t)).toBe(model.delete(key));
            }
            // One expect per step, not per entry: a million expects made this test slow.
            const wrong = [...model].filter(([m, value]) => table.get(...tuples[m]) !== value);
            expect(wrong).toEqual([]);
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

  it('keeps values up to 2^24 - 2 beside the protocol, and addresses above 2^31', () => {
    const table = new TupleTable(8);
    const top = 2 ** 24 - 2; // its word, (top + 1) · 256 + proto, is above 2^31
    table.set(0xffff_fffe, 0x8000_0000, 0xffff, 1, 17, top);
    table.set(0xffff_fffe, 0x8000_0000, 0xffff, 1, 6, 2 ** 23);
    expect(table.get(0xffff_fffe, 0x8000_0000, 0xffff, 1, 17)).toBe(top);
    expect(table.get(0xffff_fffe, 0x8000_0000, 0xffff, 1, 6)).toBe(2 ** 23);
    expect(() => table.set(5, 5, 5, 5, 6, top + 1)).toThrow(/tuple values/);
    expect(() => table.set(0xffff_fffe, 0x8000_0000, 0xffff, 1, 6, 3)).toThrow(/twice/);
    expect(table.delete(0xffff_fffe, 0x8000_0000, 0xffff, 1, 17)).toBe(true);
    expect(table.get(0xffff_fffe, 0x8000_0000, 0xffff, 1, 6)).toBe(2 ** 23);
  });

  it('keeps every entry of a table filled to its bound, through deletes', () => {
    const table = new TupleTable(5_000);
    const tuple = (i: number) =>
      [0xc0a8_0000 + i, 0x0a00_0001, 40_000 + (i % 1_000), 80, 6] as const;
    for (let i = 0; i < 5_000; i++) table.set(...tuple(i), i * 3);
    for (let i = 0; i < 5_000; i += 3) expect(table.delete(...tuple(i))).toBe(true);
    const wrong = [];
    for (let i = 0; i < 5_000; i++) {
      if (table.get(...tuple(i)) !== (i % 3 === 0 ? -1 : i * 3)) wrong.push(i);
    }
    expect(wrong).toEqual([]);
    expect(table.size).toBe(5_000 - 1_667);
    expect(table.full).toBe(false);
  });

  it('is bounded', () => {
    const table = new TupleTable(2);
    table.set(1, 1, 1, 1, 6, 0);
    table.set(2, 2, 2, 2, 6, 1);
    expect(table.full).toBe(true);
    expect(() => table.set(3, 3, 3, 3, 6, 2)).toThrow(/full/);
  });
});
