import { describe, expect, it } from 'vitest';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN } from '../../../net/packet';
import { TcpReason } from './tcp-result';
import { C, CISN, handshake, R, SISN, TestConn } from './tcp-testing';
import { defaultTcpTimeoutsUs } from './tcp-timeouts';

const S = 1_000_000;
const DAYS_5 = 5 * 24 * 3600 * S;

describe('TcpTracker: windows', () => {
  const far = { flags: TCP_ACK | TCP_PSH, seq: 1001 + 10_000_000, ack: 5001, len: 100 };

  it('refuses a segment far outside the window', () => {
    const c = handshake();
    expect(c.send(C, far)).toBe('INVALID');
    expect(c.tracker.out.reason).toBe(TcpReason.OUT_OF_WINDOW);
  });

  it('accepts it in liberal mode, without moving the window', () => {
    const c = handshake({ liberal: true });
    const before = JSON.stringify(c.part.seen);
    expect(c.send(C, far)).toBe('ACCEPT');
    expect(JSON.stringify(c.part.seen)).toBe(before);
  });

  it('refuses an ACK for data never sent', () => {
    const c = handshake();
    expect(c.send(C, { flags: TCP_ACK, seq: 1001, ack: 5001 + 50_000 })).toBe('INVALID');
    expect(c.tracker.out.reason).toBe(TcpReason.ACK_OUT_OF_WINDOW);
  });

  it('ignores old retransmitted data', () => {
    const c = handshake();
    // 80 kB sent and acknowledged: more than the server's largest window (65535) ago.
    for (let i = 0; i < 80; i++) {
      const seq = 1001 + i * 1000;
      expect(c.send(C, { flags: TCP_ACK, seq, ack: 5001, len: 1000 })).toBe('ACCEPT');
      if (i % 40 === 39) c.send(R, { flags: TCP_ACK, seq: 5001, ack: seq + 1000, window: 502 });
    }
    expect(c.send(C, { flags: TCP_ACK, seq: 1001, ack: 5001, len: 10 })).toBe('IGNORE');
    expect(c.tracker.out.reason).toBe(TcpReason.OLD_DATA);
  });

  it('honours window scaling from the SYN options: a 1 MB window with scale 7', () => {
    const big = { flags: TCP_ACK, seq: 1001 + 1_000_000, ack: 5001, len: 1000 };
    const c = handshake();
    // The server opens its window to 8192 << 7 = 1 MiB.
    expect(c.send(R, { flags: TCP_ACK, seq: 5001, ack: 1001, window: 8192 })).toBe('ACCEPT');
    expect(c.part.seen[C].tdMaxend).toBe(1001 + (8192 << 7));
    expect(c.send(C, big)).toBe('ACCEPT');

    // Without scaling on the SYN/ACK neither side scales, and the same segment is out of window.
    const u = handshake({}, -1);
    expect(u.part.seen[C].tdScale).toBe(0);
    expect(u.send(R, { flags: TCP_ACK, seq: 5001, ack: 1001, window: 8192 })).toBe('ACCEPT');
    expect(u.send(C, big)).toBe('INVALID');
  });
});

describe('TcpTracker: simultaneous open, retransmissions, ignored packets', () => {
  it('reaches SYN_SENT2 on crossing SYNs, then ESTABLISHED', () => {
    const c = new TestConn({ flags: TCP_SYN, seq: CISN, wscale: 7 });
    expect(c.send(R, { flags: TCP_SYN, seq: SISN, wscale: 7 })).toBe('ACCEPT');
    expect(c.state).toBe('SYN_SENT2');
    expect(c.send(C, { flags: TCP_SYN | TCP_ACK, seq: CISN, ack: SISN + 1 })).toBe('ACCEPT');
    expect(c.state).toBe('SYN_RECV');
    expect(c.send(R, { flags: TCP_SYN | TCP_ACK, seq: SISN, ack: CISN + 1 })).toBe('IGNORE');
    expect(c.send(R, { flags: TCP_ACK, seq: SISN + 1, ack: CISN + 1 })).toBe('ACCEPT');
    expect(c.state).toBe('ESTABLISHED');
  });

  it('switches to the RETRANS timeout after maxRetrans identical ACKs', () => {
    const c = handshake();
    const same = { flags: TCP_ACK, seq: CISN + 1, ack: SISN + 1, window: 502 }; // as the 3rd
    expect(c.send(C, same)).toBe('ACCEPT');
    expect(c.send(C, same)).toBe('ACCEPT');
    expect([c.part.retrans, c.remainingUs]).toEqual([2, DAYS_5]);
    expect(c.send(C, same)).toBe('ACCEPT');
    expect([c.part.retrans, c.remainingUs]).toEqual([3, defaultTcpTimeoutsUs.RETRANS]);
    expect(c.send(C, { ...same, window: 503 })).toBe('ACCEPT');
    expect([c.part.retrans, c.remainingUs]).toEqual([0, DAYS_5]);
  });

  it('does not renew the timeout on a retransmitted SYN', () => {
    const c = new TestConn({ flags: TCP_SYN, seq: CISN });
    const expires = c.part.expiresUs;
    expect(c.send(C, { flags: TCP_SYN, seq: CISN })).toBe('ACCEPT');
    expect(c.part.expiresUs).toBe(expires);
  });

  it('ignores a SYN in ESTABLISHED and resyncs when the server answers it', () => {
    const c = handshake();
    expect(c.send(C, { flags: TCP_SYN, seq: 77000, wscale: 5 })).toBe('IGNORE');
    expect(c.tracker.out.reason).toBe(TcpReason.IGNORED_TRANSITION);
    expect(c.state).toBe('ESTABLISHED');
    const synack = { flags: TCP_SYN | TCP_ACK, seq: 9000, ack: 77001, wscale: 5 };
    expect(c.send(R, synack)).toBe('ACCEPT');
    expect(c.state).toBe('SYN_RECV');
    expect(c.part.seen[C]).toMatchObject({ tdEnd: 77001, tdScale: 5 });
    expect(c.part.seen[R]).toMatchObject({ tdEnd: 9001, tdScale: 5 });
  });

  it('does not take an RFC 5961 challenge ACK in LAST_ACK for the last ACK', () => {
    const c = handshake();
    c.send(C, { flags: TCP_FIN | TCP_ACK, seq: 1001, ack: 5001 });
    c.send(R, { flags: TCP_FIN | TCP_ACK, seq: 5001, ack: 1002 });
    expect(c.state).toBe('LAST_ACK');
    expect(c.send(C, { flags: TCP_SYN, seq: 99000 })).toBe('IGNORE');
    expect(c.send(R, { flags: TCP_ACK, seq: 5002, ack: 1002 })).toBe('IGNORE');
    expect(c.tracker.out.reason).toBe(TcpReason.CHALLENGE_ACK);
    expect(c.state).toBe('LAST_ACK');
  });

  it('refuses transitions the table marks invalid, leaving the part alone', () => {
    const c = new TestConn({ flags: TCP_SYN, seq: CISN });
    const before = JSON.stringify(c.part);
    expect(c.send(C, { flags: TCP_ACK, seq: CISN + 1, ack: 1 })).toBe('INVALID');
    expect(c.tracker.out.reason).toBe(TcpReason.INVALID_TRANSITION);
    expect(JSON.stringify(c.part)).toBe(before);
  });

  it('shortens a dead assured connection after FINs out of window both ways', () => {
    const c = handshake();
    const farFin = (dir: 0 | 1, seq: number) =>
      c.send(dir, { flags: TCP_FIN | TCP_ACK, seq: seq + 10_000_000, ack: dir ? 1001 : 5001 });
    expect(farFin(R, 5001)).toBe('INVALID');
    expect(c.remainingUs).toBeGreaterThan(DAYS_5 - S);
    expect(farFin(C, 1001)).toBe('INVALID');
    expect(c.remainingUs).toBe(defaultTcpTimeoutsUs.UNACK);
  });
});
