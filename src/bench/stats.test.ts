import { describe, expect, it } from 'vitest';
import { figure, repeat } from './stats';

describe('figure', () => {
  it('gives the median with min and max', () => {
    expect(figure([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: 3 });
    expect(figure([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
    expect(() => figure([])).toThrow(/at least one run/);
  });

  it('repeats a measurement after unmeasured warm-ups', () => {
    let n = 0;
    expect(repeat(3, () => ++n, 2)).toEqual([3, 4, 5]);
  });
});
