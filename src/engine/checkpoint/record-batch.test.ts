import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRecord, RECORD_HEADER_BYTES as H } from './record';
import { recordViews } from '../testing/record-views';
import { RecordBatch } from './record-batch';

const record = (area: number, id: number, payloadBytes: number): Uint8Array =>
  encodeRecord(area, id, 1, new Uint8Array(payloadBytes).fill(id & 0xff));

describe('RecordBatch', () => {
  it('holds records in one buffer and gives each back as a view', () => {
    const records = [record(0, 1, 3), record(1, 1, 0), record(0, 2, 40)];
    const batch = RecordBatch.of(records);
    expect(batch.count).toBe(3);
    expect(recordViews(batch)).toEqual(records);
    expect(recordViews(batch)[2].buffer).toBe(batch.bytes.buffer);
    expect(Array.from(batch.starts)).toEqual([0, H + 3, 2 * H + 3]);
    expect(RecordBatch.EMPTY.count).toBe(0);
  });

  it('refuses offsets that run past its bytes', () => {
    const bytes = new Uint8Array(10);
    expect(() => new RecordBatch(bytes, Uint32Array.of(4), Uint32Array.of(7))).toThrow(
      'record 0 of a batch runs past its 10 bytes',
    );
    expect(() => new RecordBatch(bytes, Uint32Array.of(0), new Uint32Array(0))).toThrow();
  });

  it('splits by area, each area in the batch order; an unknown area or a stub goes to area 0', () => {
    const stub = new Uint8Array(0); // too short to name an area
    const records = [record(1, 1, 2), record(0, 1, 5), record(9, 3, 1), stub, record(1, 2, 0)];
    const [base, tcp, udp] = RecordBatch.of(records).byArea(3);
    expect(recordViews(base)).toEqual([records[1], records[2], stub]);
    expect(recordViews(tcp)).toEqual([records[0], records[4]]);
    expect(udp.count).toBe(0);
  });

  it('loses and reorders nothing when split, for any records', () => {
    const arbitrary = fc.array(
      fc.record({ area: fc.integer({ min: 0, max: 15 }), id: fc.nat(), payload: fc.nat(60) }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arbitrary, fc.integer({ min: 1, max: 16 }), (specs, areaCount) => {
        const records = specs.map((r) => record(r.area, r.id, r.payload));
        const split = RecordBatch.of(records).byArea(areaCount);
        expect(split).toHaveLength(areaCount);
        split.forEach((batch, area) => {
          const expected = records.filter(
            (r) => ((r[0] & 15) < areaCount ? r[0] & 15 : 0) === area,
          );
          expect(recordViews(batch)).toEqual(expected);
        });
      }),
      { numRuns: 200 },
    );
  });
});
