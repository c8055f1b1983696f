import { describe, expect, it } from 'vitest';
import { clockSeconds, leadingCount } from './page-readings';

describe('clockSeconds', () => {
  it('reads the run bar clock', () => {
    expect(clockSeconds('105.000000 s')).toBe(105);
    expect(clockSeconds('0.300000 s')).toBe(0.3);
  });

  it('refuses anything else', () => {
    expect(() => clockSeconds(null)).toThrow('not a clock reading: "null"');
    expect(() => clockSeconds('105 ms')).toThrow('not a clock reading');
  });
});

describe('leadingCount', () => {
  it('reads a grouped or plain count and ignores what follows', () => {
    expect(leadingCount('104,866 connections')).toBe(104_866);
    expect(leadingCount('1 connection')).toBe(1);
    expect(leadingCount('2000')).toBe(2_000);
  });

  it('refuses text without a leading count, or badly grouped digits', () => {
    expect(() => leadingCount('connections')).toThrow('no count in "connections"');
    expect(() => leadingCount('10,86 connections')).toThrow('no count');
    expect(() => leadingCount(null)).toThrow('no count');
  });
});
