import { describe, expect, it } from 'vitest';
import { distribution, longTasksWithin, median, percentile } from './stats';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('is the nearest rank: one of the values', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([16.7, 16.7, 33.4], 95)).toBe(33.4);
  });

  it('takes the smallest value at 0 and rounds the rank up', () => {
    expect(percentile([3, 5, 8], 0)).toBe(3);
    expect(percentile([3, 5, 8], 34)).toBe(5);
    expect(percentile([7], 95)).toBe(7);
  });

  it('refuses no values and a percentage out of range', () => {
    expect(() => percentile([], 50)).toThrow('percentile of no values');
    expect(() => percentile([1], 101)).toThrow('0..100');
    expect(() => percentile([1], Number.NaN)).toThrow('0..100');
  });
});

describe('distribution', () => {
  it('summarises unsorted values without changing them', () => {
    const frameMs = [20, 10, 40, 30];
    expect(distribution(frameMs)).toEqual({
      count: 4,
      p50: 20,
      p95: 40,
      p99: 40,
      max: 40,
      mean: 25,
    });
    expect(frameMs).toEqual([20, 10, 40, 30]);
  });
});

describe('median', () => {
  it('takes the lower middle of an even count', () => {
    expect(median([900, 300, 600])).toBe(600);
    expect(median([4, 1, 3, 2])).toBe(2);
  });
});

describe('longTasksWithin', () => {
  const tasks = [
    { startMs: 100, durationMs: 60 },
    { startMs: 500, durationMs: 120 },
    { startMs: 900, durationMs: 51 },
  ];

  it('counts the tasks that started inside the window, its longest and their total', () => {
    expect(longTasksWithin(tasks, 400, 900)).toEqual({ count: 2, longestMs: 120, totalMs: 171 });
  });

  it('reports none as zeros', () => {
    expect(longTasksWithin(tasks, 1_000, 2_000)).toEqual({ count: 0, longestMs: 0, totalMs: 0 });
  });
});
