import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from './byte-reader';
import { ByteWriter } from './byte-writer';

/** One field of a part, as a module would write it, and how to read it back. */
type Field =
  | { kind: 'u8' | 'u16' | 'u32' | 'i32' | 'f64' | 'u53'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'ascii'; value: string }
  | { kind: 'bytes'; value: Uint8Array };

const field: fc.Arbitrary<Field> = fc.oneof(
  fc.integer({ min: 0, max: 0xff }).map((value) => ({ kind: 'u8' as const, value })),
  fc.integer({ min: 0, max: 0xffff }).map((value) => ({ kind: 'u16' as const, value })),
  fc.integer({ min: 0, max: 0xffff_ffff }).map((value) => ({ kind: 'u32' as const, value })),
  fc.integer().map((value) => ({ kind: 'i32' as const, value })),
  fc.double().map((value) => ({ kind: 'f64' as const, value })),
  fc.maxSafeNat().map((value) => ({ kind: 'u53' as const, value })),
  fc.boolean().map((value) => ({ kind: 'bool' as const, value })),
  fc
    .string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) })
    .map((value) => ({ kind: 'ascii' as const, value })),
  fc.uint8Array({ maxLength: 40 }).map((value) => ({ kind: 'bytes' as const, value })),
);

function write(writer: ByteWriter, f: Field): void {
  switch (f.kind) {
    case 'bool':
      writer.bool(f.value);
      break;
    case 'ascii':
      writer.ascii(f.value);
      break;
    case 'bytes':
      writer.u16(f.value.length).bytes(f.value);
      break;
    default:
      writer[f.kind](f.value);
  }
}

function read(reader: ByteReader, source: Uint8Array, f: Field): unknown {
  switch (f.kind) {
    case 'bool':
      return reader.bool();
    case 'ascii':
      return reader.ascii();
    case 'bytes': {
      const length = reader.u16();
      const at = reader.offset;
      reader.skip(length);
      return source.slice(at, at + length);
    }
    default:
      return reader[f.kind]();
  }
}

describe('ByteWriter', () => {
  it('round-trips any sequence of fields through ByteReader', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 30 }), (fields) => {
        const writer = new ByteWriter(8); // small, so growth is exercised
        for (const f of fields) write(writer, f);
        const bytes = writer.finish();
        const reader = new ByteReader(bytes);
        for (const f of fields) expect(read(reader, bytes, f)).toEqual(f.value);
        reader.expectEnd();
      }),
    );
  });

  it('writes little-endian, the connection id as low word then high word', () => {
    const bytes = new ByteWriter()
      .u8(0xab)
      .u16(0x0102)
      .u32(0x03040506)
      .i32(-2)
      .u53(2 ** 32 * 7 + 9)
      .ascii('OK')
      .bool(true)
      .finish();
    // prettier-ignore
    expect(Array.from(bytes)).toEqual([
      0xab, 0x02, 0x01, 0x06, 0x05, 0x04, 0x03, 0xfe, 0xff, 0xff, 0xff,
      9, 0, 0, 0, 7, 0, 0, 0, 2, 0, 0x4f, 0x4b, 1,
    ]);
    expect(Array.from(new ByteWriter().f64(1).finish())).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
  });

  it('finish() copies; view() shares the buffer until the next write or reset', () => {
    const writer = new ByteWriter();
    writer.u8(1).u8(2);
    const copy = writer.finish();
    const view = writer.view();
    writer.reset().u8(9);
    expect(Array.from(copy)).toEqual([1, 2]);
    expect(view[0]).toBe(9);
    expect(writer.length).toBe(1);
  });

  it('refuses values that do not fit their field instead of truncating them', () => {
    const w = new ByteWriter();
    expect(() => w.u8(256)).toThrow(RangeError);
    expect(() => w.u8(-1)).toThrow(RangeError);
    expect(() => w.u8(1.5)).toThrow(RangeError);
    expect(() => w.u16(0x10000)).toThrow(RangeError);
    expect(() => w.u32(2 ** 32)).toThrow(RangeError);
    expect(() => w.u32(Number.NaN)).toThrow(RangeError);
    expect(() => w.i32(2 ** 31)).toThrow(RangeError);
    expect(() => w.u53(2 ** 53)).toThrow(RangeError);
    expect(() => w.ascii('café')).toThrow('non-ASCII character U+00E9 at index 3');
    expect(() => w.ascii('x'.repeat(0x10000))).toThrow(RangeError);
    expect(w.length).toBe(0);
  });
});
