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
});
