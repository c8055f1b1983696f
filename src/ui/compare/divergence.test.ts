import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine';
import { isCompared, sameEvent } from './compared-event';
import { DivergenceFinder, MAX_PENDING_EVENTS } from './divergence';

const packet = { id: 7, src: '192.0.2.10', dst: '198.51.100.20', bytes: 60 };
const deliver = (atUs: number, id = 7): TraceEvent =>
  ({ kind: 'packet.deliver', atUs, host: 'server', packet: { ...packet, id } }) as TraceEvent;
const write: TraceEvent = {
  kind: 'checkpoint.write',
  atUs: 5,
  acts: [600],
  connection: 'tcp … #1',
  area: 'base',
  version: 1,
  bytes: 62,
  mode: 'sync',
};

describe('compared events', () => {
  it('compares what the traffic shows, not the strategies’ own internals', () => {
    expect(isCompared(deliver(1))).toBe(true);
    expect(isCompared(write)).toBe(false);
  });

  it('is the same happening only when kind, time and every field (packet too) agree', () => {
    expect(sameEvent(deliver(1), deliver(1))).toBe(true);
    expect(sameEvent(deliver(1), deliver(2))).toBe(false);
    expect(sameEvent(deliver(1, 7), deliver(1, 8))).toBe(false);
  });
});

describe('DivergenceFinder', () => {
  it('pairs identical streams in order and finds nothing', () => {
    const f = new DivergenceFinder();
    for (let t = 0; t < 10; t++) f.pushA(deliver(t), t);
    f.pushB(write); // not compared
    for (let t = 0; t < 10; t++) f.pushB(deliver(t));
    f.settle({ nowUs: 10, over: false }, { nowUs: 10, over: false });
    expect(f.divergence).toBeNull();
    expect(f.matched).toBe(10);
  });

  it('marks the first pair that differs, with run A’s sequence number, and stops there', () => {
    const f = new DivergenceFinder();
    f.pushA(deliver(1), 0);
    f.pushA(deliver(2), 1);
    f.pushB(deliver(1));
    f.pushB(deliver(3));
    expect(f.divergence).toEqual({ index: 1, atUs: 2, a: deliver(2), aSeq: 1, b: deliver(3) });
    f.pushA(deliver(9), 2);
    f.pushB(deliver(8));
    expect(f.divergence?.index).toBe(1);
  });

  it('finds an event only one run had by the other’s clock, or at all once the other is over', () => {
    const early = new DivergenceFinder();
    early.pushA(deliver(4), 0);
    early.settle({ nowUs: 10, over: false }, { nowUs: 4, over: false });
    expect(early.divergence).toBeNull(); // B may still have it at 4: not all of 4 is run
    early.settle({ nowUs: 10, over: false }, { nowUs: 5, over: false });
    expect(early.divergence).toMatchObject({ index: 0, atUs: 4, b: null, aSeq: 0 });

    const ended = new DivergenceFinder();
    ended.pushB(deliver(50));
    ended.settle({ nowUs: 20, over: true }, { nowUs: 50, over: false });
    expect(ended.divergence).toMatchObject({ atUs: 50, a: null, aSeq: null });
  });

  it('gives up, rather than grow without bound, when one run is far ahead', () => {
    const f = new DivergenceFinder();
    for (let i = 0; i <= MAX_PENDING_EVENTS; i++) f.pushA(deliver(i), i);
    expect(f.gaveUp).toBe(true);
    expect(f.divergence).toBeNull();
  });
});
