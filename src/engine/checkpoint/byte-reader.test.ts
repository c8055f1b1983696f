import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from './byte-reader';
import { ByteWriter } from './byte-writer';
import { RecordFormatError } from './record-format-error';

function failure(read: () => unknown): RecordFormatError {
  try {
    read();
  } catch (error) {
    if (error instanceof RecordFormatError) return error;
    throw error;
  }
  throw new Error('expected a RecordFormatError');
}

describe('ByteReader', () => {
  it('reads from a start offset as if the bytes began there, errors included', () => {
    const w = new ByteWriter();
    w.u16(0x1234).f64(2.5).ascii('ftp').u32(0xdeadbeef).u8(7);
    const payload = w.view();
    const record = new Uint8Array(5 + payload.length);
    record.set(payload, 5);
    const reader = new ByteReader(record, 5);
    expect([reader.u16(), reader.f64(), reader.ascii(), reader.u32()]).toEqual([
      0x1234,
      2.5,
      'ftp',
      0xdeadbeef,
    ]);
    expect(reader.offset).toBe(payload.length - 1);
    expect(failure(() => reader.u16('a port')).message).toBe(
      `at offset ${payload.length - 1}: expected a port (2 bytes), but only 1 remain`,
    );
    expect(failure(() => reader.bool('a flag')).message).toBe(
      `at offset ${payload.length - 1}: expected a flag (0 or 1), found 7`,
    );
  });

  it('read over other bytes, as a new reader would: after a failed read too', () => {
    const first = new ByteWriter().u32(0xdeadbeef).u8(9).view();
    const second = new ByteWriter().u8(0).ascii('sip').u16(5060).view();
    const padded = new Uint8Array(3 + second.length);
    padded.set(second, 3);
    const reader = new ByteReader(first);
    expect(failure(() => reader.u53('an id')).message).toBe(
      'at offset 0: expected an id (8 bytes), but only 5 remain',
    );
    expect(reader.over(padded, 3).offset).toBe(0);
    expect([reader.u8(), reader.ascii(), reader.u16()]).toEqual([0, 'sip', 5060]);
    expect(reader.remaining).toBe(0);
    expect(failure(() => reader.u8('a flag')).message).toBe(
      `at offset ${second.length}: expected a flag (1 byte), but only 0 remain`,
    );
    reader.over(first, 1, 3);
    expect([reader.offset, reader.remaining, reader.u16()]).toEqual([0, 2, 0xadbe]); // little-endian
    expect(() => reader.over(first, 2, 9)).toThrow(RangeError);
    reader.over(second);
    expect([reader.u8(), reader.ascii(), reader.u16()]).toEqual([0, 'sip', 5060]);
    reader.expectEnd(); // and lets go of the bytes
    expect([reader.offset, reader.remaining]).toEqual([second.length, 0]);
  });

  it('names the offset and what was expected when the bytes run out', () => {
    const reader = new ByteReader(new Uint8Array([1, 2, 3]));
    reader.u8();
    const error = failure(() => reader.u32('tcp window'));
    expect(error).toBeInstanceOf(Error);
    expect(error.offset).toBe(1);
    expect(error.message).toBe('at offset 1: expected tcp window (4 bytes), but only 2 remain');
    expect(reader.offset).toBe(1); // a failed read does not move
    expect(reader.u16()).toBe(0x0302);
    expect(failure(() => reader.u8()).message).toBe(
      'at offset 3: expected a u8 (1 byte), but only 0 remain',
    );
  });

  it('refuses malformed values', () => {
    expect(failure(() => new ByteReader(new Uint8Array([2])).bool('assured')).message).toBe(
      'at offset 0: expected assured (0 or 1), found 2',
    );
    expect(
      failure(() => new ByteReader(new Uint8Array([11])).u8Below(11, 'tcp state')).message,
    ).toBe('at offset 0: expected tcp state below 11, found 11');
    const bigHigh = new Uint8Array([0, 0, 0, 0, 0, 0, 0x20, 0]);
    expect(failure(() => new ByteReader(bigHigh).u53('master id')).message).toBe(
      'at offset 0: expected master id below 2^53, found high word 0x200000',
    );
    const nonAscii = new Uint8Array([2, 0, 0x41, 0xc3]);
    expect(failure(() => new ByteReader(nonAscii).ascii('helper name')).message).toBe(
      'at offset 3: expected helper name, found non-ASCII byte 0xc3',
    );
    const short = new Uint8Array([5, 0, 0x41]);
    expect(failure(() => new ByteReader(short).ascii()).message).toBe(
      'at offset 2: expected ascii text of 5 bytes, but only 1 remain',
    );
    const trailing = new ByteReader(new Uint8Array([1, 2]));
    trailing.u8();
    expect(failure(() => trailing.expectEnd()).message).toBe(
      'at offset 1: expected the end of the payload, but 1 bytes remain',
    );
  });

  it('reads from a view at its own offset, and skips bytes', () => {
    const backing = new Uint8Array([9, 9, 0x34, 0x12, 7, 8]);
    const reader = new ByteReader(backing.subarray(2));
    expect(reader.u16()).toBe(0x1234);
    reader.skip(2);
    expect(reader.remaining).toBe(0);
    expect(() => reader.skip(1, 'a record')).toThrow(
      'at offset 4: expected a record (1 byte), but only 0 remain',
    );
  });

  it('reads only up to its end: a payload among other bytes, offsets counted from its start', () => {
    const backing = new Uint8Array([1, 2, 0x34, 0x12, 7, 8]);
    const reader = new ByteReader(backing, 2, 4);
    expect(reader.remaining).toBe(2);
    expect(reader.u16()).toBe(0x1234);
    reader.expectEnd();
    expect(() => reader.u8('the next field')).toThrow(
      'at offset 2: expected the next field (1 byte), but only 0 remain',
    );
    const early = new ByteReader(backing, 2, 5);
    early.u16();
    expect(() => early.expectEnd()).toThrow(
      'at offset 2: expected the end of the payload, but 1 bytes remain',
    );
    expect(() => new ByteReader(backing, 4, 7)).toThrow(RangeError);
    expect(() => new ByteReader(backing, 3, 2)).toThrow(RangeError);
  });

  it('on any truncation of a valid encoding, throws only RecordFormatError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.maxSafeNat(), fc.nat(), (text, id, cut) => {
        const ascii = text.replace(/[^\x20-\x7e]/g, '?');
        const full = new ByteWriter().ascii(ascii).u53(id).f64(0.5).bool(false).finish();
        const reader = new ByteReader(full.subarray(0, cut % full.length));
        expect(() => {
          reader.ascii();
          reader.u53();
          reader.f64();
          reader.bool();
        }).toThrow(RecordFormatError);
      }),
    );
  });
});
