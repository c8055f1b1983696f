import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteRing } from './byte-ring';

describe('ByteRing', () => {
  // Small rings wrap often; large ones start with a smaller buffer and grow while bytes wait.
  it.each([
    ['small', 64, 40, 50],
    ['growing', 20_000, 5_000, 3_000],
  ])(
    'behaves like an unbounded byte queue cut at its capacity (%s)',
    (_, maxCapacity, maxWrite, maxConsume) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: maxCapacity }),
          fc.array(fc.tuple(fc.uint8Array({ maxLength: maxWrite }), fc.nat(maxConsume)), {
            maxLength: 30,
          }),
          (capacity, ops) => {
            const ring = new ByteRing(capacity);
            let model: number[] = [];
            for (const [bytes, consume] of ops) {
              const written = ring.write(bytes, 0, bytes.length);
              expect(written).toBe(Math.min(bytes.length, capacity - model.length));
              model = model.concat(Array.from(bytes.subarray(0, written)));
              const out = new Uint8Array(model.length);
              ring.copyOut(0, model.length, out, 0);
              expect(Array.from(out)).toEqual(model);
              const n = Math.min(consume, model.length);
              ring.consume(n);
              model = model.slice(n);
              expect(ring.length).toBe(model.length);
            }
          },
        ),
      );
    },
  );

  it('refuses to read past what it holds', () => {
    const ring = new ByteRing(4);
    ring.write(new Uint8Array([1, 2]), 0, 2);
    expect(() => ring.copyOut(1, 2, new Uint8Array(2), 0)).toThrow(/outside/);
  });
});
