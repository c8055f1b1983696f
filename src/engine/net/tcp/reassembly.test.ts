import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReassemblyQueue } from './reassembly';

function stream(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 255);
}

describe('ReassemblyQueue', () => {
  it('delivers a stream received in any order with overlaps, exactly once and in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.tuple(fc.nat(199), fc.integer({ min: 1, max: 40 })), { maxLength: 40 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (total, pieces, isn) => {
          const data = stream(total);
          const q = new ReassemblyQueue();
          const out: number[] = [];
          let rcvNxt = isn;
          const deliver = (d: Uint8Array, o: number, l: number) =>
            out.push(...d.subarray(o, o + l));
          // Random pieces first (all after the first byte), then every piece in order.
          const all = pieces
            .map(([start, len]) => [Math.min(start, total - 1), len] as const)
            .concat(Array.from({ length: total }, (_, i) => [i, 1] as const));
          for (const [start, len] of all) {
            const l = Math.min(len, total - start);
            const seq = (isn + start) >>> 0;
            if (seq === rcvNxt) {
              deliver(data, start, l);
              rcvNxt = (rcvNxt + l) >>> 0;
              rcvNxt = q.drain(rcvNxt, deliver);
            } else if (((seq - rcvNxt) | 0) > 0) {
              q.insert(seq, data, start, l, false);
            }
          }
          expect(out).toEqual(Array.from(data));
          expect(q.isEmpty).toBe(true);
          expect(q.bytes).toBe(0);
        },
      ),
    );
  });

  it('reports a FIN once the bytes before it are in', () => {
    const q = new ReassemblyQueue();
    const data = stream(10);
    q.insert(105, data, 5, 5, true);
    expect(q.bytes).toBe(5);
    const got: number[] = [];
    const next = q.drain(100, (d, o, l) => got.push(...d.subarray(o, o + l)));
    expect(next).toBe(100);
    expect(q.finReached).toBe(false);
    const after = q.drain(105, (d, o, l) => got.push(...d.subarray(o, o + l)));
    expect(after).toBe(110);
    expect(q.finReached).toBe(true);
    expect(got).toEqual(Array.from(data.subarray(5)));
  });
});
