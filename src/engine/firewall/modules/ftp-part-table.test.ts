import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAgainstModel } from '../../testing/part-table-model';
import { newFtpPart, type FtpPart } from './ftp-helper';
import { FtpPartTable } from './ftp-part-table';

const part: fc.Arbitrary<FtpPart> = fc.record({
  nextSeq: fc.tuple(
    fc.integer({ min: -1, max: 0xffff_ffff }),
    fc.integer({ min: -1, max: 0xffff_ffff }),
  ),
  line: fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })),
  synced: fc.tuple(fc.boolean(), fc.boolean()),
  announced: fc.integer({ min: 0, max: 0xffff_ffff }),
});

describe('FtpPartTable', () => {
  it('gives back every part as it was stored, across growth, removal and reuse', () => {
    runAgainstModel(
      () => new FtpPartTable(3_000),
      part,
      (table, model) => {
        expect(table.size).toBe(model.size);
        for (const [handle, p] of model) {
          expect(table.get(handle)).toEqual(p);
          expect(table.announcedOf(handle)).toBe(p.announced);
        }
      },
    );
  });

  it('hands out copies, refuses what it cannot hold, and forgets a removed part', () => {
    const table = new FtpPartTable(1);
    const handle = table.add(newFtpPart());
    const copy = table.get(handle);
    copy.line[0] = 'PORT 10,0';
    expect(table.get(handle).line[0]).toBe('');
    table.store(handle, copy);
    expect(table.get(handle).line[0]).toBe('PORT 10,0');
    expect(() => table.store(handle, { ...copy, announced: -1 })).toThrow(/announcements/);
    expect(() => table.store(handle, { ...copy, nextSeq: [-2, 0] })).toThrow(/sequence number -2/);
    expect(() => table.store(handle, { ...copy, nextSeq: [0, 2 ** 32] })).toThrow(/sequence/);
    table.remove(handle);
    expect(() => table.add({ ...copy, announced: 2 ** 32 })).toThrow(/announcements/);
    expect(table.size).toBe(0); // the refused part took no handle
    table.add(copy);
    expect(() => table.add(newFtpPart())).toThrow(/full/);
    table.remove(handle);
    expect(() => table.get(handle)).toThrow(/does not exist/);
    expect(table.get(table.add(newFtpPart())).line).toEqual(['', '']);
  });
});
