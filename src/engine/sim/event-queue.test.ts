import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';

function drain(q: EventQueue): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  while (q.pop()) out.push([q.poppedTimeUs, q.poppedKind, q.poppedA, q.poppedB]);
  return out;
}

describe('EventQueue', () => {
  it('pops in time order, ties in insertion order', () => {
    const q = new EventQueue(2);
    q.push(30, 1, 0, 0);
    q.push(10, 2, 0, 0);
    q.push(10, 3, 0, 0);
    q.push(20, 4, 7, -1);
    q.push(10, 5, 0, 0);
    expect(drain(q).map(([t, k]) => [t, k])).toEqual([
      [10, 2],
      [10, 3],
      [10, 5],
      [20, 4],
      [30, 1],
    ]);
    expect(q.pop()).toBe(false);
  });

  it('keeps arguments with their event', () => {
    const q = new EventQueue();
    q.push(5, 9, 123, -456);
    q.pop();
    expect([q.poppedA, q.poppedB]).toEqual([123, -456]);
  });

  it('orders like a stable sort for any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(-1)), { maxLength: 300 }),
        (ops) => {
          const q = new EventQueue(1);
          const model: Array<{ t: number; id: number }> = [];
          let id = 0;
          for (const op of ops) {
            if (op === -1) {
              model.sort((x, y) => x.t - y.t || x.id - y.id);
              const expected = model.shift();
              expect(q.pop()).toBe(expected !== undefined);
              if (expected) expect([q.poppedTimeUs, q.poppedA]).toEqual([expected.t, expected.id]);
            } else {
              q.push(op, 0, id, 0);
              model.push({ t: op, id: id++ });
            }
          }
          expect(q.size).toBe(model.length);
        },
      ),
    );
  });

  it('refuses to grow past its bound', () => {
    const q = new EventQueue(2, 4);
    for (let i = 0; i < 4; i++) q.push(i, 0, 0, 0);
    expect(() => q.push(9, 0, 0, 0)).toThrow(/event queue is full/);
  });
});
