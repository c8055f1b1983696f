import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemorySpace } from './memory-space';
import { decodeRecord, encodeRecord, RECORD_HEADER_BYTES as H } from './record';

const AREAS = ['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip'];
const rec = (area: number, id: number, version: number, size = 4) =>
  encodeRecord(area, id, version, new Uint8Array(size).fill(version & 0xff));
const space = (maxRecords = 1000, maxBytes = 1_000_000) =>
  new MemorySpace(AREAS, { maxRecords, maxBytes });
const write = (s: MemorySpace, area: number, id: number, version: number, size = 4) =>
  s.write(area, id, version, rec(area, id, version, size));

describe('MemorySpace', () => {
  it('keeps one record per (area, id), counts them per area and in total', () => {
    const s = space();
    expect(write(s, 0, 1, 1)).toBe('stored');
    expect(write(s, 1, 1, 1, 10)).toBe('stored');
    expect(write(s, 0, 2, 1)).toBe('stored');
    expect(s.recordsIn(0)).toBe(2);
    expect(s.bytesIn(0)).toBe(2 * (H + 4));
    expect(s.recordsIn(1)).toBe(1);
    expect(s.bytesIn(1)).toBe(H + 10);
    expect(s.recordCount).toBe(3);
    expect(s.bytes).toBe(3 * H + 18);
    expect(s.usage()[1]).toEqual({ area: 1, name: 'tcp', records: 1, bytes: H + 10 });
    expect(s.areaId('sip')).toBe(5);
    expect(() => s.areaId('dns')).toThrow('no area named "dns"');
  });

  it('refuses a write that does not fit, counting nothing and evicting nothing', () => {
    const byCount = space(2);
    expect(write(byCount, 0, 1, 1)).toBe('stored');
    expect(write(byCount, 1, 1, 1)).toBe('stored');
    expect(write(byCount, 0, 2, 1)).toBe('full');
    expect([...byCount.ids(0)]).toEqual([1]);
    expect(byCount.recordCount).toBe(2);
    // A newer version of a stored record still fits: it replaces, it does not add.
    expect(write(byCount, 0, 1, 2)).toBe('stored');

    const byBytes = space(1000, H + 36);
    expect(write(byBytes, 0, 1, 1)).toBe('stored'); // H + 4 bytes
    expect(write(byBytes, 0, 2, 1, 20)).toBe('full'); // H + 20 more would make 2H + 24
    expect(write(byBytes, 0, 1, 2, 36)).toBe('stored'); // grows to H + 36: exactly the bound
    expect(write(byBytes, 0, 1, 3, 37)).toBe('full'); // one more
    expect(decodeRecord(byBytes.get(0, 1)!)).toMatchObject({ ok: true, version: 2 });
    expect(byBytes.bytes).toBe(H + 36);
  });

  it('refuses a version not newer than the stored one; a newer one replaces in place', () => {
    const s = space();
    write(s, 2, 7, 5);
    write(s, 2, 8, 1);
    expect(write(s, 2, 7, 5)).toBe('stale');
    expect(write(s, 2, 7, 4)).toBe('stale');
    expect(decodeRecord(s.get(2, 7)!)).toMatchObject({ version: 5 });
    expect(write(s, 2, 7, 6, 9)).toBe('stored');
    expect(decodeRecord(s.get(2, 7)!)).toMatchObject({ version: 6 });
    expect([...s.ids(2)]).toEqual([7, 8]); // kept its place
    expect(s.bytesIn(2)).toBe(H + 9 + H + 4);
  });

  it('deletes a connection from every area and says how many records went', () => {
    const s = space();
    for (const area of [0, 1, 4]) write(s, area, 3, 1, 8);
    write(s, 0, 4, 1);
    expect(s.deleteConnection(3)).toBe(3);
    expect(s.deleteConnection(3)).toBe(0);
    expect(s.recordCount).toBe(1);
    expect(s.bytes).toBe(H + 4);
    expect(s.usage().map((u) => u.records)).toEqual([1, 0, 0, 0, 0, 0]);
    // After a delete the id starts over (versions are per stored record, not remembered).
    expect(write(s, 1, 3, 1)).toBe('stored');
  });

  it('lists every area in the order its connections got their rows, the same for the same writes', () => {
    fc.assert(
      fc.property(
        fc.array(
          // [area, id, version]; version 4 stands for a delete of the id
          fc.tuple(fc.nat(3), fc.nat(20), fc.integer({ min: 1, max: 4 })),
          { maxLength: 60 },
        ),
        (ops) => {
          const listing = () => {
            const s = space();
            for (const [area, id, version] of ops) {
              if (version === 4) s.deleteConnection(id);
              else write(s, area, id, version);
            }
            const all = AREAS.map((_, area) => s.ids(area));
            // The first few, read only as far as needed, are the first of all.
            for (const limit of [0, 1, 3]) {
              expect(AREAS.map((_, area) => s.ids(area, limit))).toEqual(
                all.map((ids) => ids.slice(0, limit)),
              );
            }
            return all;
          };
          const first = listing();
          expect(listing()).toEqual(first);
          // A model: the order of each connection's first record in any area, minus
          // deletions (a deleted connection that comes back goes last), filtered by area.
          let order: number[] = [];
          let model = AREAS.map(() => [] as number[]);
          for (const [area, id, version] of ops) {
            if (version === 4) {
              order = order.filter((x) => x !== id);
              model = model.map((ids) => ids.filter((x) => x !== id));
            } else {
              if (!order.includes(id)) order.push(id);
              if (!model[area].includes(id)) model[area].push(id);
            }
          }
          expect(first).toEqual(model.map((ids) => order.filter((id) => ids.includes(id))));
        },
      ),
    );
  });

  it('counts blobs in the byte bound, not the record bound', () => {
    const s = space(1, 100);
    expect(s.putBlob('snapshot', new Uint8Array(100 - H - 3))).toBe('stored');
    expect(write(s, 0, 1, 1)).toBe('full'); // (100 - H - 3) + (H + 4) > 100
    expect(s.putBlob('snapshot', new Uint8Array(50))).toBe('stored'); // replaces: 50
    expect(write(s, 0, 1, 1)).toBe('stored');
    expect(s.putBlob('snapshot', new Uint8Array(100 - H - 3))).toBe('full'); // as above
    expect(s.blob('snapshot')!.length).toBe(50); // the old one stays
    expect(s.bytes).toBe(50 + H + 4);
    expect(s.deleteBlob('snapshot')).toBe(true);
    expect(s.blobBytes).toBe(0);
  });

  it('copies the record it is handed (the writer may reuse its array), and a blob that is a view', () => {
    const s = space();
    const own = rec(0, 1, 1);
    const copy = own.slice();
    s.write(0, 1, 1, own);
    own.fill(0);
    expect(s.get(0, 1)).toEqual(copy);
    const scratch = new Uint8Array(100).fill(7);
    s.putBlob('snapshot', scratch.subarray(10, 20));
    scratch.fill(0);
    expect(Array.from(s.blob('snapshot')!)).toEqual(Array(10).fill(7));
  });

  it('corrupt() flips bits in place, which decoding then detects', () => {
    const s = space();
    write(s, 3, 9, 2, 16);
    expect(decodeRecord(s.get(3, 9)!).ok).toBe(true);
    s.corrupt(3, 9, 30, 0x04);
    expect(decodeRecord(s.get(3, 9)!)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^CRC mismatch/),
    });
    expect(() => s.corrupt(3, 10, 0, 1)).toThrow(RangeError);
    expect(() => s.corrupt(3, 9, 40, 1)).toThrow(RangeError);
    s.putBlob('snapshot', new Uint8Array([1]));
    s.corruptBlob('snapshot', 0, 0xff);
    expect(s.blob('snapshot')![0]).toBe(0xfe);
  });

  it('refuses bad configuration and bad writes', () => {
    expect(() => new MemorySpace([], { maxRecords: 1, maxBytes: 1 })).toThrow(RangeError);
    expect(() => new MemorySpace(['a', 'a'], { maxRecords: 1, maxBytes: 1 })).toThrow(RangeError);
    expect(
      () =>
        new MemorySpace(
          Array.from({ length: 17 }, (_, i) => `m${i}`),
          { maxRecords: 1, maxBytes: 1 },
        ),
    ).toThrow(RangeError);
    expect(() => new MemorySpace(['a'], { maxRecords: -1, maxBytes: 1 })).toThrow('maxRecords');
    const s = space();
    expect(() => s.write(6, 1, 1, rec(6, 1, 1))).toThrow('no area 6');
    expect(() => s.write(0, 1, 2, rec(0, 1, 1))).toThrow(RangeError); // version disagrees
  });
});
