import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from './id-index';

// Ids as the firewall makes them: epoch · 2^32 + serial, from a small pool so ops collide.
const id = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 }))
  .map(([epoch, serial]) => epoch * 0x1_0000_0000 + serial);
const op = fc.oneof(
  fc.tuple(fc.constant('set' as const), id, fc.integer({ min: 0, max: 0xffff_fffe })),
  fc.tuple(fc.constant('delete' as const), id, fc.constant(0)),
);

describe('IdIndex', () => {
  it('behaves as a Map kept in insertion order, through growth, churn and compaction', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3_000 }), (ops) => {
        const index = new IdIndex();
        const model = new Map<number, number>();
        for (const [kind, key, value] of ops) {
          if (kind === 'set') {
            index.set(key, value);
            model.set(key, value);
          } else {
            expect(index.delete(key)).toBe(model.delete(key));
          }
          expect(index.size).toBe(model.size);
        }
        for (const key of [...model.keys(), 5 * 0x1_0000_0000]) {
          expect(index.get(key)).toBe(model.get(key) ?? -1);
          expect(index.has(key)).toBe(model.has(key));
        }
        expect([...index.keys()]).toEqual([...model.keys()]);
        const seen: [number, number][] = [];
        index.forEach((k, v) => seen.push([k, v]));
        expect(seen).toEqual([...model]);
      }),
      { numRuns: 60 },
    );
  });

  it('answers every lookup while it grows and its entries move a few at a time', () => {
    // A pool large enough that the index doubles several times, each move still going on
    // while ids are set, replaced, deleted and looked up.
    const wide = fc
      .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3_000 }))
      .map(([epoch, serial]) => epoch * 0x1_0000_0000 + serial);
    const step = fc.tuple(fc.integer({ min: 0, max: 9 }), wide, fc.nat(1_000_000));
    fc.assert(
      fc.property(fc.array(step, { minLength: 2_000, maxLength: 6_000 }), (steps) => {
        const index = new IdIndex();
        const model = new Map<number, number>();
        const wrong: unknown[] = [];
        for (const [kind, key, value] of steps) {
          if (kind < 7) {
            index.set(key, value);
            model.set(key, value);
          } else if (index.delete(key) !== model.delete(key)) wrong.push(['delete', key]);
          if (index.get(key) !== (model.get(key) ?? -1)) wrong.push(['get', key]);
        }
        expect(wrong).toEqual([]);
        expect(index.size).toBe(model.size);
        expect([...model.keys()].filter((k) => index.get(k) !== model.get(k))).toEqual([]);
        expect([...index.keys()]).toEqual([...model.keys()]);
      }),
      { numRuns: 40 },
    );
  });

  it('stays small under endless churn: deleted entries and marks are reclaimed', () => {
    const index = new IdIndex();
    for (let i = 0; i < 200_000; i++) {
      index.set(i, i);
      if (i >= 100) index.delete(i - 100);
    }
    expect(index.size).toBe(100);
    expect([...index.keys()]).toEqual(Array.from({ length: 100 }, (_, k) => 199_900 + k));
    // Its arrays are bounded by the live entries, not by the 200,000 ever added.
    expect(index.bytes).toBeLessThanOrEqual(256 * 12 + 1024 * 4);
  });

  it('refuses a value it cannot hold', () => {
    expect(() => new IdIndex().set(1, 0xffff_ffff)).toThrow(/index value/);
    expect(() => new IdIndex().set(1, -1)).toThrow(/index value/);
  });

  it('gives the id and value at each position in insertion order, through growth; a deleted one as -1 and undefined', () => {
    const index = new IdIndex();
    const ids = Array.from({ length: 3_000 }, (_, i) => 2 ** 32 * (i % 3) + i * 7);
    ids.forEach((id, i) => index.set(id, i));
    index.set(ids[5], 99); // a replaced value keeps its place
    index.delete(ids[7]);
    const read = ids.map((_, i) => index.idAt(i));
    expect(read).toEqual(ids.map((id, i) => (i === 7 ? -1 : id)));
    expect(index.positions).toBe(3_000);
    const values = ids.map((_, i) => index.valueAt(i));
    expect(values).toEqual(ids.map((_, i) => (i === 7 ? undefined : i === 5 ? 99 : i)));
    expect(() => index.valueAt(3_000)).toThrow(/no entry at 3000/);
    expect(() => index.idAt(3_000)).toThrow(/no entry at 3000/);
    expect(() => index.idAt(-1)).toThrow(/no entry/);
  });
});
