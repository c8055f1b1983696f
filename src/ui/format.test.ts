import { describe, expect, it } from 'vitest';
import { formatBandwidth, formatDelay, linkLabel, linkLabelLines } from './format';

const link = {
  bandwidthBps: 100_000_000,
  delayUs: 1_000,
  lossRate: 0,
  duplicateRate: 0,
  reorderRate: 0,
  reorderDelayUs: 500,
  queuePackets: 1_000,
};

describe('format', () => {
  it('formats bandwidth with the largest unit that fits', () => {
    expect(formatBandwidth(100_000_000)).toBe('100 Mbit/s');
    expect(formatBandwidth(1_500_000)).toBe('1.5 Mbit/s');
    expect(formatBandwidth(10_000_000_000)).toBe('10 Gbit/s');
    expect(formatBandwidth(64_000)).toBe('64 kbit/s');
    expect(formatBandwidth(999)).toBe('999 bit/s');
  });

  it('formats delay in s, ms or µs', () => {
    expect(formatDelay(1_000)).toBe('1 ms');
    expect(formatDelay(0)).toBe('0 ms');
    expect(formatDelay(250)).toBe('250 µs');
    expect(formatDelay(2_500_000)).toBe('2.5 s');
  });

  it('labels a link, mentioning loss only when there is some', () => {
    expect(linkLabel(link)).toBe('100 Mbit/s · 1 ms');
    expect(linkLabelLines({ ...link, lossRate: 0.01 })).toEqual(['100 Mbit/s', '1 ms · 1% loss']);
  });
});
