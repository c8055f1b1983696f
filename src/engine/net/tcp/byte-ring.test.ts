import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteRing, RingBufferPool } from './byte-ring';

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

describe('RingBufferPool', () => {
  it("hands a released ring's buffer to the next ring, which reads only its own bytes", () => {
    const pool = new RingBufferPool(1);
    const first = new ByteRing(256 * 1024, pool);
    first.write(Uint8Array.of(1, 2, 3), 0, 3);
    first.release();
    expect(first.length).toBe(0);
    const second = new ByteRing(256 * 1024, pool);
    expect(second.length).toBe(0);
    second.write(Uint8Array.of(9), 0, 1);
    const out = new Uint8Array(1);
    second.copyOut(0, 1, out, 0);
    expect([...out]).toEqual([9]);
    // A released ring still works if written again: it starts a buffer of its own.
    first.write(Uint8Array.of(7, 8), 0, 2);
    const again = new Uint8Array(2);
    first.copyOut(0, 2, again, 0);
    expect([...again]).toEqual([7, 8]);
    second.copyOut(0, 1, out, 0);
    expect([...out]).toEqual([9]);
  });

  it('keeps at most its bound, and only first-size buffers', () => {
    const pool = new RingBufferPool(1);
    const rings = [0, 1, 2].map(() => new ByteRing(256 * 1024, pool));
    const grown = rings[2];
    grown.write(new Uint8Array(10_000), 0, 10_000); // past its first buffer
    for (const ring of rings) ring.release();
    expect(pool.take()).toHaveLength(4096);
    expect(pool.take()).toBeUndefined();
    const small = new ByteRing(100, pool); // smaller than a pooled buffer: not pooled
    small.release();
    expect(pool.take()).toBeUndefined();
  });
});
