import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

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
