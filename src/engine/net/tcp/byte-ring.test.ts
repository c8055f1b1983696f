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

  it('keeps buffers by size, up to its bound in bytes, and only power-of-two sizes', () => {
    const pool = new RingBufferPool(4096 + 16384);
    const rings = [0, 1, 2].map(() => new ByteRing(256 * 1024, pool));
    rings[2].write(new Uint8Array(10_000), 0, 10_000); // grows from 4 to 16 KiB
    expect(pool.bytes).toBe(4096); // the buffer it grew out of
    for (const ring of [...rings].reverse()) ring.release();
    expect(pool.bytes).toBe(4096 + 16384); // the 16 KiB one fitted; two 4 KiB ones did not
    expect(pool.take(16384)).toHaveLength(16384);
    expect(pool.take(8192)).toBeUndefined();
    expect(pool.take(4096)).toHaveLength(4096);
    expect(pool.bytes).toBe(0);
    const odd = new ByteRing(100, pool); // smaller than any pooled size: not kept
    odd.release();
    const cut = new ByteRing(20_000, pool); // grows to its capacity, 20,000: not a pooled size
    cut.write(new Uint8Array(20_000), 0, 20_000);
    cut.release();
    expect(pool.take(20_000)).toBeUndefined();
    expect(pool.bytes).toBe(4096); // only the first buffer it grew out of
  });

  it('gives a growing ring the buffers of rings that grew before it', () => {
    const pool = new RingBufferPool();
    const first = new ByteRing(256 * 1024, pool);
    for (const length of [3_000, 4_000, 8_000, 16_000, 32_000]) {
      first.write(new Uint8Array(length).fill(1), 0, length); // 4 → 8 → 16 → 32 → 64 KiB
    }
    first.release();
    expect(pool.bytes).toBe(4096 + 8192 + 16384 + 32768 + 65536);
    const second = new ByteRing(256 * 1024, pool);
    const bytes = Uint8Array.from({ length: 45_000 }, (_, i) => i % 251);
    second.write(bytes, 0, 5_000);
    second.write(bytes, 5_000, 40_000);
    // It took the 4, 8 and 64 KiB buffers and gave back the 4 and 8 KiB ones it grew out of.
    expect(pool.bytes).toBe(4096 + 8192 + 16384 + 32768);
    const out = new Uint8Array(45_000);
    second.copyOut(0, 45_000, out, 0);
    expect(out).toEqual(bytes);
  });
});
