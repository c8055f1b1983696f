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
    want.forEach((v, i) => log.put(i, v));
    expect(log.length).toBe(3000);
    expect(log.toArray()).toEqual(want);
    expect(log.accepted(0)).toBe(false);
    expect(log.accepted(1)).toBe(true);
    expect(log.frame(2999)).toBe(3000);
  });

  it('keeps file order when verdicts come in another order, and counts what its limit leaves out', () => {
    const log = new VerdictLog(2);
    const v = (frame: number) => ({
      frame,
      verdict: 'drop' as const,
      reason: 'x',
      connection: null,
    });
    log.put(1, v(7));
    log.put(0, v(3));
    log.put(2, v(9));
    expect(log.toArray().map((x) => x.frame)).toEqual([3, 7]);
    expect(log.omitted).toBe(1);
    expect(() => log.put(0, v(3))).toThrow(/second verdict/);
  });
});
