import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Combine } from './crc32';

const ascii = (s: string) => new TextEncoder().encode(s);

/** The definition, one bit at a time: what the sliced tables must agree with. */
function crcBitwise(bytes: Uint8Array): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

describe('crc32', () => {
  it('matches the standard check value and known vectors', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('is incremental: any split gives the same result', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % (bytes.length + 1);
        const first = crc32(bytes, 0, at);
        expect(crc32(bytes, at, bytes.length - at, first)).toBe(crc32(bytes));
      }),
    );
  });
});

describe('crc32 over views of larger buffers', () => {
  it('agrees with the bitwise definition at every alignment, switching buffers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            // Past 512 bytes the checksum reads words: both paths, and the switch between.
            bytes: fc.uint8Array({ maxLength: 1_100, size: 'max' }),
            // Where the view starts in its buffer, and what follows it (an odd tail too).
            lead: fc.nat({ max: 7 }),
            tail: fc.nat({ max: 7 }),
            offset: fc.nat(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (pieces) => {
          for (const { bytes, lead, tail, offset } of pieces) {
            const buffer = new ArrayBuffer(lead + bytes.length + tail);
            const view = new Uint8Array(buffer, lead, bytes.length);
            view.set(bytes);
            new Uint8Array(buffer).fill(0xa5, 0, lead);
            new Uint8Array(buffer).fill(0x5a, lead + bytes.length);
            const at = offset % (bytes.length + 1);
            expect(crc32(view)).toBe(crcBitwise(bytes));
            expect(crc32(view, at)).toBe(crcBitwise(bytes.subarray(at)));
            // In two calls, the second going on from the first (as a receiver does).
            const first = crc32(view, 0, at);
            expect(first).toBe(crcBitwise(bytes.subarray(0, at)));
            expect(crc32(view, at, bytes.length - at, first)).toBe(crcBitwise(bytes));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('crc32 given a range', () => {
  it('refuses one outside its view, rather than read the buffer around it', () => {
    const view = new Uint8Array(new ArrayBuffer(64), 8, 32);
    expect(() => crc32(view, 0, 33)).toThrow(RangeError);
    expect(() => crc32(view, 20, 16)).toThrow(RangeError);
    expect(() => crc32(view, -1, 4)).toThrow(RangeError);
    expect(() => crc32(view, 4, -1)).toThrow(RangeError);
    expect(crc32(view, 32, 0)).toBe(0);
  });

  it('follows a buffer that grew', () => {
    // ES2024's resizable ArrayBuffer (in Node 20 and browsers), not in this project's lib.
    const Resizable = ArrayBuffer as unknown as new (
      length: number,
      options: { maxByteLength: number },
    ) => ArrayBuffer & { resize(length: number): void };
    const buffer = new Resizable(1_024, { maxByteLength: 4_096 });
    const before = new Uint8Array(buffer);
    before.fill(7);
    expect(crc32(before)).toBe(crcBitwise(before));
    buffer.resize(4_096);
    const after = new Uint8Array(buffer);
    after.fill(9, 1_024);
    expect(crc32(after)).toBe(crcBitwise(after));
  });
});

describe('crc32Combine', () => {
  it('joins the checksums of two pieces as if computed over both', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const both = new Uint8Array([...a, ...b]);
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(both));
      }),
    );
  });

  it('handles lengths beyond 32 bits of bytes’ worth of doubling', () => {
    const block = Uint8Array.from({ length: 65_521 }, (_, i) => (i * 31) % 251);
    let whole = 0;
    for (let k = 0; k < 40; k++) whole = crc32(block, 0, block.length, whole);
    let combined = crc32(block);
    for (let k = 1; k < 40; k++) combined = crc32Combine(combined, crc32(block), block.length);
    expect(combined).toBe(whole);
  });
});
