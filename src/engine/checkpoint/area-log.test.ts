import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordViews } from '../testing/record-views';
import { AreaLog } from './area-log';
import { encodeRecord } from './record';

const record = (id: number, version: number, payloadBytes: number, fill = version): Uint8Array =>
  encodeRecord(1, id, version, new Uint8Array(payloadBytes).fill(fill));

/** Every record the log holds, with its id, in the log's order. */
const held = (log: AreaLog) => [...log.ids()].map((id) => [id, log.get(id)]);

describe('AreaLog', () => {
  it('stores copies, replaces in place or by appending, and keeps the first insertion order', () => {
    const log = new AreaLog();
    const a = record(1, 1, 8);
    log.put(1, a);
    log.put(2, record(2, 1, 8));
    a.fill(0); // the writer reuses its array: the log kept its own copy
    expect(log.get(1)).toEqual(record(1, 1, 8));
    log.put(1, record(1, 2, 8)); // same length: in place
    log.put(2, record(2, 2, 30)); // longer: appended, the old bytes become garbage
    expect(log.get(1)).toEqual(record(1, 2, 8));
    expect(log.get(2)).toEqual(record(2, 2, 30));
    expect(log.versionOf(2)).toBe(2);
    expect([...log.ids()]).toEqual([1, 2]);
    expect(log.lengthOf(2)).toBe(24 + 30);
    expect(log.delete(1)).toBe(24 + 8);
    expect(log.delete(1)).toBe(-1);
    expect(log.lengthOf(1)).toBe(-1);
    expect(held(log)).toEqual([[2, record(2, 2, 30)]]);
  });

  it('reclaims garbage when it grows, keeping every record and its place', () => {
    const log = new AreaLog();
    for (let id = 0; id < 500; id++) log.put(id, record(id, 1, id % 50));
    for (let round = 2; round < 6; round++) {
      for (let id = 0; id < 500; id += 3) log.put(id, record(id, round, (id + round) % 70));
    }
    expect(log.capacity).toBeLessThan(4 * 500 * (24 + 70 + 4));
    expect([...log.ids()]).toEqual(Array.from({ length: 500 }, (_, i) => i));
    for (let id = 0; id < 500; id++) {
      const expected = id % 3 === 0 ? record(id, 5, (id + 5) % 70) : record(id, 1, id % 50);
      expect(log.get(id)).toEqual(expected);
    }
  });

  it('flips a byte in place and refuses bytes outside the record', () => {
    const log = new AreaLog();
    log.put(7, record(7, 1, 4));
    log.flip(7, 25, 0x0f);
    expect(log.get(7)![25]).toBe(1 ^ 0x0f);
    expect(() => log.flip(7, 28, 1)).toThrow();
    expect(() => log.flip(8, 0, 1)).toThrow();
  });

  it('holds what a Map of copies would hold, for any sequence of puts and deletes', () => {
    const op = fc.record({
      id: fc.integer({ min: 0, max: 40 }),
      payloadBytes: fc.integer({ min: 0, max: 300 }),
      remove: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const log = new AreaLog();
        const model = new Map<number, Uint8Array>();
        ops.forEach(({ id, payloadBytes, remove }, step) => {
          if (remove) {
            expect(log.delete(id)).toBe(model.get(id)?.length ?? -1);
            model.delete(id);
          } else {
            const r = record(id, step + 1, payloadBytes, step & 0xff);
            log.put(id, r);
            model.set(id, r.slice());
          }
        });
        expect(held(log)).toEqual([...model.entries()]);
        expect(recordViews(log.batch())).toEqual([...model.values()]);
      }),
      { numRuns: 200 },
    );
  });
});
