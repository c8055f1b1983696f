import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { formatBytesTick, snapTimeUs, tickCount, timeTicks, valueTicks } from './chart-axes';

describe('tickCount', () => {
  it('fits ticks at the spacing, never fewer than two', () => {
    expect(tickCount(800, 80)).toBe(10);
    expect(tickCount(300, 80)).toBe(3);
    expect(tickCount(50, 80)).toBe(2);
  });
});

describe('timeTicks', () => {
  const x = scaleLinear().domain([0, 4_100_000]).range([0, 410]);

  it('labels µs ticks in seconds with the decimals the step needs', () => {
    const ticks = timeTicks(x, 8);
    expect(ticks.map((t) => t.label)).toEqual([
      '0.0',
      '0.5',
      '1.0',
      '1.5',
      '2.0',
      '2.5',
      '3.0',
      '3.5',
      '4.0',
    ]);
    expect(ticks[2]).toMatchObject({ value: 1_000_000, px: 100 });
  });

  it('drops the decimals for whole-second steps (fewer ticks when narrow)', () => {
    expect(timeTicks(x, 4).map((t) => t.label)).toEqual(['0', '1', '2', '3', '4']);
  });

  it('labels a 600 s run in hundreds of seconds', () => {
    const long = scaleLinear().domain([0, 600_000_000]).range([0, 600]);
    expect(timeTicks(long, 6).map((t) => t.label)).toEqual([
      '0',
      '100',
      '200',
      '300',
      '400',
      '500',
      '600',
    ]);
  });
});

describe('formatBytesTick', () => {
  it('writes bytes with an SI prefix', () => {
    expect(formatBytesTick(0)).toBe('0 B');
    expect(formatBytesTick(500)).toBe('500 B');
    expect(formatBytesTick(500_000)).toBe('500 kB');
    expect(formatBytesTick(2_500_000)).toBe('2.5 MB');
    expect(formatBytesTick(20_000_000)).toBe('20 MB');
  });
});

describe('valueTicks', () => {
  it('places ticks top-down and labels goodput as plain numbers', () => {
    const y = scaleLinear().domain([0, 100]).range([200, 0]);
    const ticks = valueTicks(y, 5, 'number');
    expect(ticks.map((t) => t.label)).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(ticks[5].px).toBe(0);
  });

  it('labels bytes with their unit', () => {
    const y = scaleLinear().domain([0, 20_000_000]).range([200, 0]);
    expect(valueTicks(y, 4, 'bytes').map((t) => t.label)).toEqual([
      '0 B',
      '5 MB',
      '10 MB',
      '15 MB',
      '20 MB',
    ]);
  });
});

describe('snapTimeUs', () => {
  it('rounds to the power of ten a pixel can tell apart', () => {
    expect(snapTimeUs(1_234_567, 3_700)).toBe(1_235_000);
    expect(snapTimeUs(123_456_789, 545_000)).toBe(123_500_000);
  });

  it('keeps whole µs when a pixel is less than a µs', () => {
    expect(snapTimeUs(1_234.4, 0.5)).toBe(1_234);
  });
});
