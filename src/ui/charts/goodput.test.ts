import { describe, expect, it } from 'vitest';
import {
  bucketGoodputMbps,
  deliveredPoints,
  goodputPoints,
  keptSamples,
  lastGrowthUs,
  pauseAfter,
} from './goodput';

const times = [10_000, 20_000, 30_000, 40_000, 50_000, 60_000];

describe('bucketGoodputMbps', () => {
  it('is each bucket’s bytes·8 per µs, the first from time 0', () => {
    // 12,500 bytes in 10 ms = 100,000 bits / 10,000 µs = 10 Mbit/s.
    expect(bucketGoodputMbps([10_000, 20_000], [12_500, 12_500])).toEqual([10, 0]);
  });

  it('uses each bucket’s own length (the last bucket ends at the run’s end)', () => {
    expect(bucketGoodputMbps([10_000, 15_000], [0, 6_250])).toEqual([0, 10]);
  });

  it('gives 0 for an empty bucket rather than dividing by zero', () => {
    expect(bucketGoodputMbps([10_000, 10_000], [100, 200])).toEqual([0.08, 0]);
  });
});

describe('keptSamples', () => {
  it('keeps every sample of a flow that lasts the whole run', () => {
    expect(keptSamples(times, null)).toBe(6);
  });

  it('stops at the sample closing the bucket the flow ended in', () => {
    expect(keptSamples(times, 25_000)).toBe(3);
    expect(keptSamples(times, 30_000)).toBe(3);
  });

  it('keeps everything when the flow ended after the last sample', () => {
    expect(keptSamples(times, 99_000)).toBe(6);
  });
});

describe('goodputPoints', () => {
  it('gives the corners of a step line, starting at time 0', () => {
    const points = goodputPoints([10_000, 20_000], [12_500, 25_000], null);
    expect(points).toEqual([
      { timeUs: 0, value: 10 },
      { timeUs: 10_000, value: 10 },
      { timeUs: 20_000, value: 10 },
    ]);
  });

  it('ends with the bucket the flow ended in', () => {
    const points = goodputPoints(times, [1, 2, 3, 3, 3, 3], 25_000);
    expect(points.map((p) => p.timeUs)).toEqual([0, 10_000, 20_000, 30_000]);
  });

  it('is empty without samples', () => {
    expect(goodputPoints([], [], null)).toEqual([]);
  });
});

describe('deliveredPoints', () => {
  it('starts at nothing delivered at time 0', () => {
    expect(deliveredPoints([10_000], [500], null)).toEqual([
      { timeUs: 0, value: 0 },
      { timeUs: 10_000, value: 500 },
    ]);
  });

  it('puts its last point where the flow ended, not at the end of that bucket', () => {
    const points = deliveredPoints(times, [10, 20, 30, 30, 30, 30], 25_000);
    expect(points.at(-1)).toEqual({ timeUs: 25_000, value: 30 });
    expect(points).toHaveLength(4);
  });
});

describe('lastGrowthUs', () => {
  it('is the end of the last bucket that delivered bytes', () => {
    expect(lastGrowthUs(times, [5, 9, 9, 12, 12, 12])).toBe(40_000);
  });

  it('counts the first bucket from nothing', () => {
    expect(lastGrowthUs(times, [5, 5, 5, 5, 5, 5])).toBe(10_000);
  });

  it('is 0 when nothing was ever delivered', () => {
    expect(lastGrowthUs(times, [0, 0, 0, 0, 0, 0])).toBe(0);
  });
});

describe('pauseAfter', () => {
  const resumed = [10, 20, 25, 25, 25, 40];

  it('runs from the first empty bucket after the crash to the next that delivers', () => {
    // Crash at 22 ms: the bucket (20, 30] still delivered; (30, 40] and (40, 50] did not.
    expect(pauseAfter(times, resumed, null, 22_000, 35_000)).toEqual({
      fromUs: 30_000,
      toUs: 50_000,
    });
  });

  it('has no end when the flow never delivered again', () => {
    const stalled = [10, 20, 25, 25, 25, 25];
    expect(pauseAfter(times, stalled, null, 22_000, 35_000)).toEqual({
      fromUs: 30_000,
      toUs: null,
    });
  });

  it('is null when the flow kept delivering until the firewall was back', () => {
    const steady = [10, 20, 30, 40, 40, 50];
    expect(pauseAfter(times, steady, null, 12_000, 25_000)).toBeNull();
  });

  it('is null for a flow that had not started or had already ended', () => {
    expect(pauseAfter(times, [0, 0, 0, 0, 5, 9], null, 12_000, 20_000)).toBeNull();
    expect(pauseAfter(times, [5, 9, 9, 9, 9, 9], 15_000, 22_000, 30_000)).toBeNull();
  });

  it('is null for a crash after the last sample', () => {
    expect(pauseAfter(times, resumed, null, 70_000, null)).toBeNull();
  });

  it('waits for a firewall that never came back until the run’s end', () => {
    expect(pauseAfter(times, [10, 20, 30, 40, 50, 50], null, 5_000, null)).toEqual({
      fromUs: 50_000,
      toUs: null,
    });
  });
});
