import { describe, expect, it } from 'vitest';
import { RefreshGate } from './refresh-gate';

describe('RefreshGate', () => {
  it('opens at once, then at most once per interval', () => {
    const gate = new RefreshGate(100);
    expect([0, 16, 99, 100, 150, 216].map((t) => gate.due(t))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('waits longer after a slow refresh, and returns to the interval after fast ones', () => {
    const gate = new RefreshGate(100, 10);
    expect(gate.due(0)).toBe(true);
    gate.took(40); // the next waits 400 ms
    expect([100, 399, 400].map((t) => gate.due(t))).toEqual([false, false, true]);
    gate.took(2);
    expect([450, 500].map((t) => gate.due(t))).toEqual([false, true]);
  });
});
