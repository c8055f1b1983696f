import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AreaLog } from './area-log';
import { encodeRecord, RECORD_HEADER_BYTES as H } from './record';

const record = (id: number, version: number, payloadBytes: number, fill = version): Uint8Array =>
  encodeRecord(1, id, version, new Uint8Array(payloadBytes).fill(fill));

/** Every record the log holds among rows 0..rows-1, with its row. */
const held = (log: AreaLog, rows: number) =>
  Array.from({ length: rows }, (_, row) => [row, log.get(row)]).filter(([, r]) => r);

describe('AreaLog', () => {
  it('stores copies by row, replacing in place or by appending', () => {
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
    expect([log.has(0), log.has(1), log.has(2), log.has(1000)]).toEqual([false, true, true, false]);
    expect(log.lengthOf(2)).toBe(H + 30);
    expect(log.delete(1)).toBe(H + 8);
    expect(log.delete(1)).toBe(-1);
    expect(log.lengthOf(1)).toBe(-1);
    expect(held(log, 3)).toEqual([[2, record(2, 2, 30)]]);
  });

  it('reclaims garbage when it grows, keeping every record in its row', () => {
    const log = new AreaLog();
    for (let id = 0; id < 500; id++) log.put(id, record(id, 1, id % 50));
    for (let round = 2; round < 6; round++) {
      for (let id = 0; id < 500; id += 3) log.put(id, record(id, round, (id + round) % 70));
    }
    expect(log.capacity).toBeLessThan(4 * 500 * (H + 70 + 4));
    for (let id = 0; id < 500; id++) {
      const expected = id % 3 === 0 ? record(id, 5, (id + 5) % 70) : record(id, 1, id % 50);
      expect(log.get(id)).toEqual(expected);
    }
  });

  it('flips a byte in place and refuses bytes outside the record', () => {
    const log = new AreaLog();
    log.put(7, record(7, 1, 4));
    log.flip(7, H + 1, 0x0f);
    expect(log.get(7)![H + 1]).toBe(1 ^ 0x0f);
    expect(() => log.flip(7, H + 4, 1)).toThrow();
    expect(() => log.flip(8, 0, 1)).toThrow();
  });

  it('reclaims a few records among many rows without reading every row on every write', () => {
    const log = new AreaLog();
    log.put(100_000, record(1, 1, 8)); // a row far out: a byte of buffer a row at least
    for (let version = 2; version < 2_000; version++) log.put(5, record(5, version, version % 9));
    expect(log.capacity).toBeGreaterThanOrEqual(100_000 + 4 * 131_072);
    expect(log.get(100_000)).toEqual(record(1, 1, 8));
    expect(log.get(5)).toEqual(record(5, 1_999, 1_999 % 9));
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
        const rows = [...model.keys()].sort((a, b) => a - b);
        expect(held(log, 41)).toEqual(rows.map((row) => [row, model.get(row)]));
        for (const row of rows) {
          const at = log.startOf(row);
          expect(log.buffer.subarray(at, at + log.lengthOf(row))).toEqual(model.get(row));
        }
      }),
      { numRuns: 200 },
    );
  });
});
