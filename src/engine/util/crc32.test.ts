import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Combine } from './crc32';

const ascii = (s: string) => new TextEncoder().encode(s);

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
