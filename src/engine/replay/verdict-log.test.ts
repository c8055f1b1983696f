import { describe, expect, it } from 'vitest';
import { VerdictLog } from './verdict-log';

describe('VerdictLog', () => {
  it('gives back every verdict as added, past its first growth, storing each text once', () => {
    const log = new VerdictLog();
    const want = Array.from({ length: 3000 }, (_, i) => ({
      frame: i + 1,
      verdict: i % 3 === 0 ? ('drop' as const) : ('accept' as const),
      reason: i % 3 === 0 ? 'policy (forward)' : 'rule 3',
      connection: i % 3 === 0 ? null : `tcp 192.0.2.10:${40000 + (i % 5)} → 198.51.100.20:21 #1`,
    }));
    for (const v of want) log.add(v);
    expect(log.length).toBe(3000);
    expect(log.toArray()).toEqual(want);
    expect(log.accepted(0)).toBe(false);
    expect(log.accepted(1)).toBe(true);
    expect(log.frame(2999)).toBe(3000);
  });
});
