import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../util/crc32';
import {
  decodeRecord,
  encodeRecord,
  readRecordHeader,
  RECORD_HEADER_BYTES,
  sealRecord,
} from './record';

const area = fc.integer({ min: 0, max: 15 });
const connectionId = fc.maxSafeNat();
const version = fc.integer({ min: 1, max: 0xffff_ffff });
const payload = fc.uint8Array({ maxLength: 300 });
const record = fc
  .tuple(area, connectionId, version, payload)
  .map(([a, id, v, p]) => encodeRecord(a, id, v, p));

/** A record with its header fields rewritten and the CRC recomputed, to reach one check. */
function withHeader(bytes: Uint8Array, patch: (view: DataView) => void): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  patch(view);
  const header = crc32(copy, 0, 12);
  view.setUint32(12, crc32(copy, 16, copy.length - 16, header), true);
  return copy;
}

describe('record codec', () => {
  it('lays out the header byte by byte, little-endian, CRC over header 0..11 then payload', () => {
    const bytes = encodeRecord(3, 5 * 2 ** 32 + 0x01020304, 7, new Uint8Array([0xaa, 0xbb]));
    // prettier-ignore
    expect(Array.from(bytes)).toEqual([
      0x23, // format 2 (high four bits), area 3 (low four)
      0x04, 0x03, 0x02, 0x01, 0x05, 0x00, 0x00, // id in seven bytes (epoch 5 above the low word)
      0x07, 0x00, 0x00, 0x00, // record version 7
      0xcd, 0x05, 0xfe, 0x3f, // CRC-32 0x3ffe05cd (Python: zlib.crc32 of bytes 0..11 + payload)
      0xaa, 0xbb,
    ]);
    const covered = new Uint8Array([...bytes.subarray(0, 12), 0xaa, 0xbb]);
    expect(crc32(covered)).toBe(0x3ffe05cd);
  });

  it('round-trips any area, id below 2^53, version and payload', () => {
    fc.assert(
      fc.property(area, connectionId, version, payload, (a, id, v, p) => {
        const bytes = encodeRecord(a, id, v, p);
        expect(bytes.length).toBe(RECORD_HEADER_BYTES + p.length);
        const decoded = decodeRecord(bytes);
        expect(decoded).toEqual({ ok: true, area: a, connectionId: id, version: v, payload: p });
        expect(readRecordHeader(bytes)).toEqual({ area: a, connectionId: id, version: v });
      }),
    );
  });

  it('returns the payload as a view into the record, not a copy', () => {
    const bytes = encodeRecord(1, 42, 1, new Uint8Array([1, 2, 3]));
    const decoded = decodeRecord(bytes);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.payload.buffer).toBe(bytes.buffer);
    expect(decoded.payload.byteOffset).toBe(RECORD_HEADER_BYTES);
  });

  it('detects every single flipped bit, without throwing', () => {
    fc.assert(
      fc.property(record, fc.nat(), (bytes, n) => {
        const bit = n % (bytes.length * 8);
        const damaged = bytes.slice();
        damaged[bit >> 3] ^= 1 << (bit & 7);
        expect(decodeRecord(damaged).ok).toBe(false);
      }),
    );
  });

  it('detects truncation and extension', () => {
    fc.assert(
      fc.property(
        record,
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 16 }),
        (r, n, tail) => {
          expect(decodeRecord(r.subarray(0, n % r.length)).ok).toBe(false);
          const longer = new Uint8Array(r.length + tail.length);
          longer.set(r);
          longer.set(tail, r.length);
          expect(decodeRecord(longer).ok).toBe(false);
        },
      ),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const decoded = decodeRecord(bytes);
        expect(typeof decoded.ok).toBe('boolean');
        if (decoded.ok) expect(readRecordHeader(bytes)).not.toBeNull();
        else expect(decoded.error).not.toBe('');
      }),
    );
  });

  it('names what is wrong', () => {
    const good = encodeRecord(2, 9, 4, new Uint8Array(100));
    const error = (bytes: Uint8Array) => {
      const decoded = decodeRecord(bytes);
      return decoded.ok ? 'ok' : decoded.error;
    };
    expect(error(good.subarray(0, 7))).toBe('record of 7 bytes is shorter than its 16-byte header');
    expect(error(withHeader(good, (v) => v.setUint8(0, 0x12)))).toBe(
      'unknown record format version 1',
    );
    expect(error(withHeader(good, (v) => v.setUint8(7, 0x20)))).toBe(
      'connection id bits above 2^32, 0x00200000, are too many (ids are below 2^53)',
    );
    expect(error(withHeader(good, (v) => v.setUint32(8, 0, true)))).toBe(
      'record version 0 is invalid (versions start at 1)',
    );
    const flipped = good.slice();
    flipped[30] ^= 0x10;
    const stored = new DataView(good.buffer).getUint32(12, true).toString(16).padStart(8, '0');
    expect(error(flipped)).toMatch(
      new RegExp(`^CRC mismatch \\(stored 0x${stored}, computed 0x[0-9a-f]{8}\\)$`),
    );
    // readRecordHeader checks the structure but not the CRC: the server files, recovery checks.
    expect(readRecordHeader(flipped)).toEqual({ area: 2, connectionId: 9, version: 4 });
  });

  it('reuses the object passed to readRecordHeader', () => {
    const into = { area: 0, connectionId: 0, version: 0 };
    expect(readRecordHeader(encodeRecord(5, 2 ** 40, 3, new Uint8Array(0)), into)).toBe(into);
    expect(into).toEqual({ area: 5, connectionId: 2 ** 40, version: 3 });
  });

  it('refuses to encode what no record can hold', () => {
    const p = new Uint8Array(0);
    expect(() => encodeRecord(16, 1, 1, p)).toThrow(RangeError);
    expect(() => encodeRecord(-1, 1, 1, p)).toThrow(RangeError);
    expect(() => encodeRecord(0, 2 ** 53, 1, p)).toThrow(RangeError);
    expect(() => encodeRecord(0, -1, 1, p)).toThrow(RangeError);
    expect(() => encodeRecord(0, 1.5, 1, p)).toThrow(RangeError);
    expect(() => encodeRecord(0, 1, 0, p)).toThrow(RangeError);
    expect(() => encodeRecord(0, 1, 2 ** 32, p)).toThrow(RangeError);
    expect(encodeRecord(15, 2 ** 53 - 1, 2 ** 32 - 1, p).length).toBe(16);
  });
});

describe('sealRecord', () => {
  it('makes the same record in place as encodeRecord, whatever the header bytes held', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 0xffff_ffff }),
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: RECORD_HEADER_BYTES, maxLength: RECORD_HEADER_BYTES }),
        (area, id, version, payload, garbage) => {
          const bytes = new Uint8Array(RECORD_HEADER_BYTES + payload.length);
          bytes.set(garbage);
          bytes.set(payload, RECORD_HEADER_BYTES);
          sealRecord(bytes, area, id, version);
          expect(bytes).toEqual(encodeRecord(area, id, version, payload));
        },
      ),
    );
  });

  it('refuses what no record could hold', () => {
    expect(() => sealRecord(new Uint8Array(RECORD_HEADER_BYTES - 1), 0, 1, 1)).toThrow(RangeError);
    expect(() => sealRecord(new Uint8Array(RECORD_HEADER_BYTES), 0, 1, 0)).toThrow(RangeError);
  });
});
