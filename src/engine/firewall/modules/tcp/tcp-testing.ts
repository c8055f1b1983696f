import { IPPROTO_TCP, Packet, TCP_ACK, TCP_SYN } from '../../../net/packet';
import type { TcpPart } from './tcp-part';
import { tcpResultNames } from './tcp-result';
import { tcpCtStateNames } from './tcp-states';
import { defaultTcpTrackerConfig, type TcpTrackerConfig } from './tcp-timeouts';
import { TcpTracker } from './tcp-tracker';

/**
 * Test support for the TCP module (imported by its tests only): segments built from a few
 * fields, and a connection driven packet by packet with readable results.
 */

/** Options of a test segment; anything left out takes the default shown. */
export interface TestSegment {
  /** TCP flag bits (TCP_SYN | TCP_ACK ...). */
  flags: number;
  seq: number;
  ack?: number; // 0
  window?: number; // 65535
  len?: number; // 0 payload bytes
  wscale?: number; // -1: no window-scale option
  mss?: number; // 0: no MSS option
}

/** A TCP packet for the tracker tests (only the fields conntrack reads are set). */
export function tcpSegment(s: TestSegment): Packet {
  const p = new Packet(0);
  p.proto = IPPROTO_TCP;
  p.flags = s.flags;
  p.seq = s.seq >>> 0;
  p.ack = (s.ack ?? 0) >>> 0;
  p.window = s.window ?? 65535;
  p.payloadLen = s.len ?? 0;
  p.wscaleOption = s.wscale ?? -1;
  p.mssOption = s.mss ?? 0;
  return p;
}

export const C = 0; // client -> server: the original direction
export const R = 1; // server -> client: the reply direction
export const CISN = 1000;
export const SISN = 5000;

/** A tracker and one connection's part; each packet comes 1 ms after the previous one. */
export class TestConn {
  readonly tracker: TcpTracker;
  readonly part: TcpPart;
  nowUs = 1000;
  constructor(first: TestSegment, config: Partial<TcpTrackerConfig> = {}) {
    this.tracker = new TcpTracker({ ...defaultTcpTrackerConfig, ...config });
    const part = this.tracker.start(tcpSegment(first), this.nowUs);
    if (!part) throw new Error(`start refused: ${this.tracker.out.reason}`);
    this.part = part;
  }
  /** Tracks one segment; returns the result's name (ACCEPT, IGNORE, INVALID, REOPEN). */
  send(dir: 0 | 1, s: TestSegment): string {
    this.nowUs += 1000;
    return tcpResultNames[this.tracker.track(this.part, tcpSegment(s), dir, this.nowUs)];
  }
  get state(): string {
    return tcpCtStateNames[this.part.state];
  }
  get remainingUs(): number {
    return this.part.expiresUs - this.nowUs;
  }
}

/** SYN (wscale 7), SYN/ACK (wscale `serverScale`), ACK: an assured ESTABLISHED connection. */
export function handshake(config: Partial<TcpTrackerConfig> = {}, serverScale = 7): TestConn {
  const c = new TestConn(
    { flags: TCP_SYN, seq: CISN, window: 64240, mss: 1460, wscale: 7 },
    config,
  );
  const steps = [
    c.send(R, {
      flags: TCP_SYN | TCP_ACK,
      seq: SISN,
      ack: CISN + 1,
      mss: 1460,
      wscale: serverScale,
    }),
    c.send(C, { flags: TCP_ACK, seq: CISN + 1, ack: SISN + 1, window: 502 }),
  ];
  if (steps.join() !== 'ACCEPT,ACCEPT' || c.state !== 'ESTABLISHED')
    throw new Error(`handshake failed: ${steps.join()} -> ${c.state}`);
  return c;
}
