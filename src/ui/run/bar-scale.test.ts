import { describe, expect, it } from 'vitest';
import { fillLength } from './bar-scale';

describe('fillLength', () => {
  it('is linear in the value and clamped to the bar', () => {
    expect(fillLength(0, 512, 60)).toBe(0);
    expect(fillLength(256, 512, 60)).toBe(30);
    expect(fillLength(512, 512, 60)).toBe(60);
    expect(fillLength(900, 512, 60)).toBe(60);
    expect(fillLength(10_000_000, 20_000_000, 100)).toBe(50);
  });

  it('shows any non-zero value, and nothing for an empty or capacity-less bar', () => {
    expect(fillLength(1, 512, 60, 2)).toBe(2);
    expect(fillLength(0, 512, 60, 2)).toBe(0);
    expect(fillLength(3, 0, 60, 2)).toBe(0);
  });
});
