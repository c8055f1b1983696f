import { describe, expect, it } from 'vitest';
import { Pcg32 } from './prng';

describe('Pcg32', () => {
  it('matches the published pcg32-demo output for seed 42, stream 54', () => {
    // pcg-c-basic, pcg32-demo.c: pcg32_srandom_r(&rng, 42u, 54u), first six outputs.
    const rng = new Pcg32(42, 54);
    const out = Array.from({ length: 6 }, () => rng.nextU32());
    expect(out).toEqual([0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e]);
  });

  it('is deterministic per seed and differs across seeds and streams', () => {
    const draw = (seed: number, stream: number) => {
      const rng = new Pcg32(seed, stream);
      return Array.from({ length: 8 }, () => rng.nextU32());
    };
    expect(draw(7, 1)).toEqual(draw(7, 1));
    expect(draw(7, 1)).not.toEqual(draw(8, 1));
    expect(draw(7, 1)).not.toEqual(draw(7, 2));
  });

  it('nextBelow stays in range and covers it', () => {
    const rng = new Pcg32(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const v = rng.nextBelow(10);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
      seen.add(v);
    }
    expect(seen.size).toBe(10);
    expect(() => rng.nextBelow(0)).toThrow(RangeError);
  });

  it('nextFloat is in [0, 1) with a plausible mean', () => {
    const rng = new Pcg32(3);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const f = rng.nextFloat();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      sum += f;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });

  it('chance(0) consumes no randomness, so unused faults do not shift the sequence', () => {
    const a = new Pcg32(5);
    const b = new Pcg32(5);
    expect(a.chance(0)).toBe(false);
    expect(a.nextU32()).toBe(b.nextU32());
  });

  it('forks independent, reproducible streams', () => {
    const a = new Pcg32(9).fork(1);
    const b = new Pcg32(9).fork(1);
    const c = new Pcg32(9).fork(2);
    const first = a.nextU32();
    expect(first).toBe(b.nextU32());
    expect(first).not.toBe(c.nextU32());
  });
});
