import { describe, expect, it } from 'vitest';
import {
  formatResolution,
  MICROSECONDS,
  NANOSECONDS,
  resolutionOfByte,
  toMicroseconds,
} from './timestamp';

describe('capture timestamps', () => {
  it('decodes if_tsresol: powers of 10 and of 2', () => {
    expect(resolutionOfByte(6)).toEqual(MICROSECONDS);
    expect(resolutionOfByte(9)).toEqual(NANOSECONDS);
    expect(resolutionOfByte(0x8a)).toEqual({ base: 2, exponent: 10 });
    expect(formatResolution(resolutionOfByte(0x94))).toBe('2^-20');
    expect(formatResolution(NANOSECONDS)).toBe('10^-9');
  });

  it('converts without losing precision for realistic 64-bit values', () => {
    // 2023-11-14T22:13:20.123456789Z in nanoseconds needs 61 bits.
    const ns = 1_700_000_000_123_456_789n;
    expect(toMicroseconds(ns, NANOSECONDS)).toBe(1_700_000_000_123_456);
    expect(toMicroseconds(1_700_000_000_123_456n, MICROSECONDS)).toBe(1_700_000_000_123_456);
    expect(toMicroseconds(1_700_000_000_123n, { base: 10, exponent: 3 })).toBe(
      1_700_000_000_123_000,
    );
    expect(toMicroseconds(1_700_000_000n, { base: 10, exponent: 0 })).toBe(1_700_000_000_000_000);
    expect(toMicroseconds(1_700_000_000_123_456_789_000n, { base: 10, exponent: 12 })).toBe(
      1_700_000_000_123_456,
    );
  });

  it('floors finer units to the microsecond', () => {
    expect(toMicroseconds(1_000_999n, NANOSECONDS)).toBe(1000);
    expect(toMicroseconds(999n, NANOSECONDS)).toBe(0);
    // 2^-10 s units: 1 unit = 976.5625 µs.
    expect(toMicroseconds(1n, { base: 2, exponent: 10 })).toBe(976);
    expect(toMicroseconds(1024n, { base: 2, exponent: 10 })).toBe(1_000_000);
    // 2^-32 s units (NTP-style fractions) of a 2023 time.
    const units = (1_700_000_000n << 32n) + (1n << 31n);
    expect(toMicroseconds(units, { base: 2, exponent: 32 })).toBe(1_700_000_000_500_000);
  });

  it('adds if_tsoffset seconds, signed', () => {
    expect(toMicroseconds(5_000_000n, MICROSECONDS, 1_700_000_000n)).toBe(1_700_000_005_000_000);
    expect(toMicroseconds(5_000_000n, MICROSECONDS, -2n)).toBe(3_000_000);
  });

  it('gives null for times a number cannot carry or before the epoch', () => {
    expect(toMicroseconds(2n ** 64n - 1n, MICROSECONDS)).toBeNull();
    expect(toMicroseconds(BigInt(Number.MAX_SAFE_INTEGER), MICROSECONDS)).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(toMicroseconds(BigInt(Number.MAX_SAFE_INTEGER) + 1n, MICROSECONDS)).toBeNull();
    expect(toMicroseconds(1n, MICROSECONDS, -1n)).toBeNull();
    expect(toMicroseconds(1n, { base: 10, exponent: 127 })).toBe(0);
    expect(toMicroseconds(2n ** 64n - 1n, { base: 2, exponent: 127 })).toBe(0);
  });
});
