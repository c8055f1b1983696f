import { describe, expect, it } from 'vitest';
import { Trace } from './trace';

type Ev = { kind: 'tick'; atUs: number };
const tick = (atUs: number): Ev => ({ kind: 'tick', atUs });

describe('Trace', () => {
  it('keeps only the latest events up to its capacity', () => {
    const t = new Trace<Ev>(3);
    for (let i = 1; i <= 5; i++) t.emit(tick(i));
    expect(t.events().map((e) => e.atUs)).toEqual([3, 4, 5]);
    expect(t.overwritten).toBe(2);
    expect(t.emitted).toBe(5);
  });

  it('is disabled with no capacity and no subscriber, enabled while someone listens', () => {
    const t = new Trace<Ev>(0);
    expect(t.enabled).toBe(false);
    const got: number[] = [];
    const off = t.subscribe((e) => got.push(e.atUs));
    expect(t.enabled).toBe(true);
    t.emit(tick(7));
    off();
    expect(t.enabled).toBe(false);
    expect(got).toEqual([7]);
    expect(t.events()).toEqual([]);
  });

  it('rejects a bad capacity', () => {
    expect(() => new Trace<Ev>(-1)).toThrow(RangeError);
  });
});
