import { describe, expect, it } from 'vitest';
import { formatAt, formatBytes, formatClock, formatCount, formatMs } from './quantity-format';

describe('quantity-format', () => {
  it('formats bytes with three significant digits and a unit', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(200)).toBe('200 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(50_000)).toBe('50.0 kB');
    expect(formatBytes(1_500_000)).toBe('1.50 MB');
    expect(formatBytes(20_000_000)).toBe('20.0 MB');
    expect(formatBytes(4_999_484)).toBe('5.00 MB');
    expect(formatBytes(60_000_000_000)).toBe('60.0 GB');
  });

  it('formats exact counts with thousands separators', () => {
    expect(formatCount(20_000_000)).toBe('20,000,000');
    expect(formatCount(7)).toBe('7');
  });

  it('formats the simulated clock to the microsecond', () => {
    expect(formatClock(0)).toBe('0.000000 s');
    expect(formatClock(1_234_567)).toBe('1.234567 s');
    expect(formatClock(600_000_000)).toBe('600.000000 s');
  });

  it('formats durations in ms and moments in s', () => {
    expect(formatMs(8_300)).toBe('8.3 ms');
    expect(formatMs(1_653_200)).toBe('1,653.2 ms');
    expect(formatMs(0)).toBe('0.0 ms');
    expect(formatAt(1_681_000)).toBe('1.681 s');
  });
});
