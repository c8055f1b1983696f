import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scheduler, STOP_CHECK_EVENTS } from './scheduler';

describe('Scheduler', () => {
  it('runs events in time order and advances the clock to each', () => {
    const s = new Scheduler();
    const seen: Array<[number, number]> = [];
    const kind = s.register('mark', (a) => seen.push([s.nowUs, a]));
    s.at(20, kind, 2);
    s.at(10, kind, 1);
    s.after(30, kind, 3);
    expect(s.runUntil(25)).toBe(2);
    expect(s.nowUs).toBe(25);
    expect(seen).toEqual([
      [10, 1],
      [20, 2],
    ]);
    expect(s.step()).toBe(true);
    expect(seen.at(-1)).toEqual([30, 3]);
    expect(s.step()).toBe(false);
  });

  it('lets handlers schedule more events, including at the current time', () => {
    const s = new Scheduler();
    const order: string[] = [];
    const later = s.register('later', () => order.push(`later@${s.nowUs}`));
    const first = s.register('first', () => {
      order.push(`first@${s.nowUs}`);
      s.after(0, later);
      s.after(5, later);
    });
    s.at(1, first);
    s.runUntil(100);
    expect(order).toEqual(['first@1', 'later@1', 'later@6']);
    expect(s.eventsProcessed).toBe(3);
  });

  it('rejects times in the past and non-integer times', () => {
    const s = new Scheduler();
    const k = s.register('k', () => {});
    s.runUntil(10);
    expect(() => s.at(5, k)).toThrow(/not in the past/);
    expect(() => s.at(10.5, k)).toThrow(/integers/);
    expect(() => s.runUntil(3)).toThrow(/before now/);
  });

  it('stops after the event that requests it', () => {
    const s = new Scheduler();
    const k = s.register('k', (a) => {
      if (a === 2) s.requestStop();
    });
    for (let i = 1; i <= 4; i++) s.at(i * 10, k, i);
    s.runUntil(1000);
    expect(s.nowUs).toBe(20);
    expect(s.pendingEvents).toBe(2);
    // The request ends that call only; the next call carries on.
    s.runUntil(1000);
    expect(s.nowUs).toBe(1000);
    expect(s.pendingEvents).toBe(0);
  });

  it('runs the same events in the same order when each call may run only so many', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1_000), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.nat(1_200),
        fc.integer({ min: 1, max: 3 }),
        (times, maxEvents, untilUs, enoughAtAsk) => {
          const run = (cap: number | undefined, askLimit = Infinity) => {
            const s = new Scheduler();
            const seen: string[] = [];
            let thisCall: number[] = [];
            const k = s.register('k', (a) => {
              seen.push(`${s.nowUs}:${a}`);
              thisCall.push(s.nowUs);
              if (a % 3 === 0 && a < 500) s.at(s.nowUs + (a % 7), k, a + 100); // events make events
              if (a % 5 === 4) s.requestStop(); // as the end of the traffic does
            });
            times.forEach((t, i) => s.at(t, k, i));
            let calls = 0;
            do {
              thisCall = [];
              let asked = 0;
              s.runUntil(untilUs, cap, () => ++asked >= askLimit);
              // Past its count, a call only finishes the microsecond it is in; unless a handler
              // stopped it, every event up to the clock has run.
              if (cap !== undefined && thisCall.length > cap)
                expect(new Set(thisCall.slice(cap - 1)).size).toBe(1);
              if (!s.stopped) expect(s.nextEventUs()).toBeGreaterThan(s.nowUs);
              if (++calls > 10_000) throw new Error('no progress');
            } while (s.nextEventUs() <= untilUs || s.nowUs < untilUs);
            return { seen, nowUs: s.nowUs, pending: s.pendingEvents };
          };
          const whole = run(undefined);
          expect(run(maxEvents)).toEqual(whole);
          // Cut where `enough` says so (at its n-th question): the same run again.
          expect(run(undefined, enoughAtAsk)).toEqual(whole);
        },
      ),
    );
  });

  it('finishes the microsecond in which it ran its count of events, and stops there', () => {
    const s = new Scheduler();
    const k = s.register('k', () => {});
    for (const t of [10, 20, 20, 30]) s.at(t, k);
    expect(s.runUntil(100, 2)).toBe(3); // 10, 20, and the other event at 20
    expect(s.nowUs).toBe(20);
    expect(s.runUntil(100, 2)).toBe(1);
    expect(s.nowUs).toBe(100); // nothing left before 100: the clock goes there
    expect(() => s.runUntil(200, 0)).toThrow(/maxEvents/);
    expect(() => s.runUntil(200, 1.5)).toThrow(/maxEvents/);
  });

  it('asks whether it has done enough every STOP_CHECK_EVENTS events, and stops as a count would', () => {
    const s = new Scheduler();
    const k = s.register('k', () => {});
    for (let t = 1; t <= 20; t++) s.at(t, k);
    s.at(2 * STOP_CHECK_EVENTS, k); // a second event in the microsecond where it is told to stop
    let asked = 0;
    const ran = s.runUntil(100, undefined, () => ++asked === 2);
    expect(asked).toBe(2);
    expect(ran).toBe(2 * STOP_CHECK_EVENTS + 1); // and the other event of that microsecond
    expect(s.nowUs).toBe(2 * STOP_CHECK_EVENTS);
    expect(s.runUntil(100, undefined, () => false)).toBe(20 - 2 * STOP_CHECK_EVENTS);
    expect(s.nowUs).toBe(100);
  });

  it('runs nothing for the pending events of a retired kind, and keeps its name', () => {
    const s = new Scheduler();
    const seen: number[] = [];
    const kind = s.register('owner.timer', (a) => seen.push(a));
    s.at(10, kind, 1);
    s.at(20, kind, 2);
    s.runUntil(15);
    s.retire(kind);
    expect(s.runUntil(30)).toBe(1); // the event still happens, its handler is gone
    expect(seen).toEqual([1]);
    expect(s.kindName(kind)).toBe('owner.timer');
  });
});
