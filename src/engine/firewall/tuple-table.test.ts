import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TupleTable } from './tuple-table';

// Small values half the time, so that tuples meet their reverses, share an address or a
// port, and are sometimes their own reverse.
const address = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 0xffffffff }));
const port = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 0xffff }));
const tupleArb = fc.tuple(address, address, port, port, fc.constantFrom(1, 6, 17));

type Tuple = readonly [number, number, number, number, number];
const reverse = ([src, dst, sport, dport, proto]: Tuple): Tuple => [dst, src, dport, sport, proto];

describe('TupleTable', () => {
  it('finds each connection by either direction, like a Map, through any inserts and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 }), fc.boolean()), {
          maxLength: 400,
        }),
        fc.array(tupleArb, { minLength: 41, maxLength: 41 }),
        fc.integer({ min: 1, max: 64 }),
        (ops, tuples, bound) => {
          // Any bound: the slots are half again as many, a number that wraps anywhere.
          const table = new TupleTable(bound);
          // The model: the connections entered, by their original tuple's text.
          const model = new Map<string, { tuple: Tuple; slot: number }>();
          const owner = (t: Tuple) => model.get(t.join()) ?? model.get(reverse(t).join());
          ops.forEach(([insert, k, backwards], step) => {
            const t = backwards ? reverse(tuples[k]) : tuples[k];
            if (insert && owner(t) === undefined && model.size < bound) {
              table.set(...t, step);
              model.set(t.join(), { tuple: t, slot: step });
            } else if (!insert) {
              const gone = owner(t);
              if (gone !== undefined) model.delete(gone.tuple.join());
              expect(table.delete(...t)).toBe(gone !== undefined);
            }
            // One expect per step, not per entry: a million expects made this test slow.
            const wrong = [...model.values()].filter(({ tuple, slot }) => {
              const itself = tuple.join() === reverse(tuple).join();
              return (
                table.get(...tuple) !== slot * 2 ||
                table.get(...reverse(tuple)) !== slot * 2 + (itself ? 0 : 1)
              );
            });
            expect(wrong).toEqual([]);
            expect(table.size).toBe(model.size);
            const absent = tuples.filter((u) => owner(u) === undefined && table.get(...u) !== -1);
            expect(absent).toEqual([]);
          });
        },
      ),
    );
  });

  it('tells the two directions of a flow apart, and one that is its own reverse', () => {
    const table = new TupleTable(4);
    table.set(2, 1, 80, 1000, 6, 10); // the higher address first: entered reversed
    expect(table.get(2, 1, 80, 1000, 6)).toBe(20);
    expect(table.get(1, 2, 1000, 80, 6)).toBe(21);
    expect(table.get(1, 2, 1000, 80, 17)).toBe(-1);
    expect(table.get(1, 2, 80, 1000, 6)).toBe(-1);
    expect(() => table.set(1, 2, 1000, 80, 6, 11)).toThrow(/twice/); // its reply direction
    table.set(7, 7, 53, 53, 17, 3);
    expect(table.get(7, 7, 53, 53, 17)).toBe(6);
    expect(table.size).toBe(2);
    expect(table.delete(1, 2, 1000, 80, 6)).toBe(true); // by its reply direction
    expect(table.get(2, 1, 80, 1000, 6)).toBe(-1);
  });

  it('keeps slots up to 2^23 - 2 beside the protocol, and addresses above 2^31', () => {
    const table = new TupleTable(8);
    const top = 2 ** 23 - 2; // its word, (top · 2 + 2) · 256 + proto, is above 2^31
    table.set(0x8000_0000, 0xffff_fffe, 0xffff, 1, 17, top);
    table.set(0xffff_fffe, 0x8000_0000, 0xffff, 1, 6, 2 ** 22);
    expect(table.get(0x8000_0000, 0xffff_fffe, 0xffff, 1, 17)).toBe(top * 2);
    expect(table.get(0xffff_fffe, 0x8000_0000, 1, 0xffff, 17)).toBe(top * 2 + 1);
    expect(table.get(0xffff_fffe, 0x8000_0000, 0xffff, 1, 6)).toBe(2 ** 23);
    expect(table.get(0x8000_0000, 0xffff_fffe, 1, 0xffff, 6)).toBe(2 ** 23 + 1);
    expect(() => table.set(5, 5, 5, 5, 6, top + 1)).toThrow(/slots are from/);
    expect(table.delete(0x8000_0000, 0xffff_fffe, 0xffff, 1, 17)).toBe(true);
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
      const [src, dst, sport, dport, proto] = tuple(i);
      const found = [table.get(...tuple(i)), table.get(dst, src, dport, sport, proto)];
      const expected = i % 3 === 0 ? [-1, -1] : [i * 6, i * 6 + 1];
      if (found.join() !== expected.join()) wrong.push(i);
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
