import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../../../net/packet';
import { type TcpPart } from './tcp-part';
import { TcpResult } from './tcp-result';
import { isTcpCtState } from './tcp-states';
import { tcpSegment } from './tcp-testing';
import { defaultTcpTrackerConfig } from './tcp-timeouts';
import { TcpTracker } from './tcp-tracker';

const BASE = [0, 1000, 5000, 0xfffffff0];
const step = fc.record({
  dir: fc.constantFrom<0 | 1>(0, 1),
  flags: fc.oneof(
    fc.constantFrom(TCP_SYN, TCP_SYN | TCP_ACK, TCP_ACK, TCP_ACK | TCP_PSH, TCP_FIN | TCP_ACK),
    fc.constantFrom(TCP_RST, TCP_RST | TCP_ACK),
    fc.integer({ min: 0, max: 255 }),
  ),
  // Mostly near the ends' sequence numbers so that windows matter, sometimes anywhere.
  seq: fc.oneof(
    fc.tuple(fc.constantFrom(...BASE), fc.integer({ min: -3000, max: 70000 })),
    fc.tuple(fc.constant(0), fc.nat({ max: 0xffffffff })),
  ),
  ack: fc.oneof(
    fc.tuple(fc.constantFrom(...BASE), fc.integer({ min: -3000, max: 70000 })),
    fc.tuple(fc.constant(0), fc.nat({ max: 0xffffffff })),
  ),
  window: fc.oneof(fc.constantFrom(0, 502, 65535), fc.nat({ max: 65535 })),
  len: fc.oneof(fc.constant(0), fc.nat({ max: 1460 })),
  wscale: fc.integer({ min: -1, max: 20 }),
  dtUs: fc.nat({ max: 200_000_000 }),
});

/** Half the runs start with a proper handshake (client ISN 1000, server 5000), to reach deeper states. */
const HANDSHAKE = [
  {
    dir: 0,
    flags: TCP_SYN,
    seq: [1000, 0],
    ack: [0, 0],
    window: 65535,
    len: 0,
    wscale: 7,
    dtUs: 0,
  },
  {
    dir: 1,
    flags: TCP_SYN | TCP_ACK,
    seq: [5000, 0],
    ack: [1000, 1],
    window: 65535,
    len: 0,
    wscale: 7,
    dtUs: 10,
  },
  {
    dir: 0,
    flags: TCP_ACK,
    seq: [1000, 1],
    ack: [5000, 1],
    window: 502,
    len: 0,
    wscale: -1,
    dtUs: 10,
  },
] as const;

function isU32(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

function checkPart(part: TcpPart): void {
  expect(isTcpCtState(part.state)).toBe(true);
  for (const s of part.seen) {
    for (const v of [s.tdEnd, s.tdMaxend, s.tdMaxwin, s.tdMaxack]) expect(isU32(v)).toBe(true);
    expect(s.tdScale >= 0 && s.tdScale <= 14).toBe(true);
  }
  expect(Number.isFinite(part.expiresUs)).toBe(true);
  expect(JSON.parse(JSON.stringify(part))).toEqual(part);
}

describe('TcpTracker on random packet sequences', () => {
  it.each([
    ['strict', { liberal: false, loose: true }],
    ['liberal', { liberal: true, loose: true }],
    ['no pickup', { liberal: false, loose: false }],
  ])('%s: never throws, always a valid result and state', (_name, flags) => {
    const tracker = new TcpTracker({ ...defaultTcpTrackerConfig, ...flags });
    const statesSeen = new Set<number>();
    const resultsSeen = new Set<number>();
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 60 }), (hs, steps) => {
        let part: TcpPart | null = null;
        let now = 0;
        for (const s of hs ? [...HANDSHAKE, ...steps] : steps) {
          now += s.dtUs;
          const p = tcpSegment({
            flags: s.flags,
            seq: s.seq[0] + s.seq[1],
            ack: s.ack[0] + s.ack[1],
            window: s.window,
            len: s.len,
            wscale: s.wscale,
            mss: s.wscale >= 0 ? 1460 : 0,
          });
          if (part === null) {
            part = tracker.start(p, now);
            if (part !== null) expect([1, 3]).toContain(part.state); // SYN_SENT or ESTABLISHED
            continue;
          }
          const result = tracker.track(part, p, s.dir, now);
          expect([0, 1, 2, 3]).toContain(result);
          statesSeen.add(part.state);
          resultsSeen.add(result);
          expect(tracker.out.newState).toBe(part.state);
          expect(tracker.out.changed).toBe(tracker.out.oldState !== part.state);
          checkPart(part);
          if (result === TcpResult.REOPEN || tracker.out.kill) part = null;
        }
      }),
      { numRuns: 300 },
    );
    // The generator really explores the machine (a weak check, but it catches a dead generator).
    expect(statesSeen.size).toBeGreaterThanOrEqual(4);
    expect(resultsSeen.size).toBeGreaterThanOrEqual(3);
  });
});
