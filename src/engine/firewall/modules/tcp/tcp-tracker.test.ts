import { describe, expect, it } from 'vitest';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../../../net/packet';
import { newTcpWindowState, TcpStatus, TcpWindowFlag } from './tcp-part';
import { TcpReason } from './tcp-result';
import { TcpCtState } from './tcp-states';
import { C, CISN, handshake, R, SISN, tcpSegment, TestConn, type TestSegment } from './tcp-testing';
import { defaultTcpTrackerConfig } from './tcp-timeouts';
import { TcpTracker } from './tcp-tracker';

const S = 1_000_000;
const DAYS_5 = 5 * 24 * 3600 * S;

describe('TcpTracker: a connection from SYN to TIME_WAIT', () => {
  it('follows the handshake, data and FIN/FIN close with the kernel timeouts', () => {
    const c = new TestConn({ flags: TCP_SYN, seq: CISN, window: 64240, mss: 1460, wscale: 7 });
    const out = c.tracker.out;
    expect(c.state).toBe('SYN_SENT');
    expect([out.oldState, out.newState, out.changed]).toEqual([TcpCtState.NONE, 1, true]);
    expect(c.remainingUs).toBe(120 * S);

    const steps: [0 | 1, TestSegment, string, number][] = [
      [R, { flags: TCP_SYN | TCP_ACK, seq: SISN, ack: CISN + 1, wscale: 7 }, 'SYN_RECV', 60 * S],
      [C, { flags: TCP_ACK, seq: CISN + 1, ack: SISN + 1, window: 502 }, 'ESTABLISHED', DAYS_5],
      // Unacknowledged data shortens the timeout to UNACK until it is acknowledged.
      [C, { flags: TCP_ACK | TCP_PSH, seq: 1001, ack: 5001, len: 100 }, 'ESTABLISHED', 300 * S],
      [R, { flags: TCP_ACK, seq: 5001, ack: 1101, window: 502 }, 'ESTABLISHED', DAYS_5],
      [C, { flags: TCP_FIN | TCP_ACK, seq: 1101, ack: 5001 }, 'FIN_WAIT', 120 * S],
      [R, { flags: TCP_ACK, seq: 5001, ack: 1102 }, 'CLOSE_WAIT', 60 * S],
      [R, { flags: TCP_FIN | TCP_ACK, seq: 5001, ack: 1102 }, 'LAST_ACK', 30 * S],
      [C, { flags: TCP_ACK, seq: 1102, ack: 5002 }, 'TIME_WAIT', 120 * S],
    ];
    for (const [dir, seg, state, timeout] of steps) {
      expect(c.send(dir, seg)).toBe('ACCEPT');
      expect(c.state).toBe(state);
      expect(c.remainingUs).toBe(timeout);
      expect(c.tracker.timeoutUs(c.part)).toBe(timeout);
    }
    expect(c.part.status).toBe(TcpStatus.SEEN_REPLY | TcpStatus.ASSURED);
    expect(c.part.seen[C].flags & TcpWindowFlag.CLOSE_INIT).toBeTruthy();
    expect(c.part.seen[R].flags & TcpWindowFlag.CLOSE_INIT).toBeFalsy();
  });

  it('reports a changed state only when it changed', () => {
    const c = handshake();
    expect(c.send(C, { flags: TCP_ACK, seq: 1001, ack: 5001, len: 10 })).toBe('ACCEPT');
    expect(c.tracker.out.changed).toBe(false);
    expect(c.send(C, { flags: TCP_FIN | TCP_ACK, seq: 1011, ack: 5001 })).toBe('ACCEPT');
    expect(c.tracker.out).toMatchObject({ changed: true, oldState: 3, newState: 4 });
  });

  it('gives REOPEN for a new SYN on TIME_WAIT', () => {
    const c = handshake();
    c.send(C, { flags: TCP_FIN | TCP_ACK, seq: 1001, ack: 5001 });
    c.send(R, { flags: TCP_FIN | TCP_ACK, seq: 5001, ack: 1002 });
    c.send(C, { flags: TCP_ACK, seq: 1002, ack: 5002 });
    expect(c.state).toBe('TIME_WAIT');
    expect(c.send(C, { flags: TCP_SYN, seq: 90000, wscale: 7 })).toBe('REOPEN');
    expect(c.tracker.out.reason).toBe(TcpReason.REOPEN);
    expect(c.state).toBe('TIME_WAIT'); // the caller deletes it; the tracker leaves it alone
  });

  it('reopens after the client reset, but only ignores a SYN after the server reset', () => {
    const a = handshake();
    expect(a.send(C, { flags: TCP_RST, seq: 1001 })).toBe('ACCEPT');
    expect(a.state).toBe('CLOSE');
    expect(a.send(C, { flags: TCP_SYN, seq: 90000 })).toBe('REOPEN');

    const b = handshake();
    expect(b.send(R, { flags: TCP_RST, seq: 5001 })).toBe('ACCEPT');
    expect(b.send(C, { flags: TCP_SYN, seq: 90000 })).toBe('IGNORE');
    // The server's SYN/ACK to that SYN brings the tracker back in sync.
    expect(b.send(R, { flags: TCP_SYN | TCP_ACK, seq: 7000, ack: 90001 })).toBe('ACCEPT');
    expect(b.state).toBe('SYN_RECV');
  });
});

describe('TcpTracker: RST', () => {
  it('closes on an RST with exactly the expected sequence number', () => {
    const c = handshake();
    expect(c.send(R, { flags: TCP_RST, seq: 5001 })).toBe('ACCEPT');
    expect(c.state).toBe('CLOSE');
    expect(c.remainingUs).toBe(10 * S);
  });

  it('refuses an RST below what the peer acknowledged, also when liberal', () => {
    for (const liberal of [false, true]) {
      const c = handshake({ liberal });
      expect(c.send(R, { flags: TCP_RST, seq: 4000 })).toBe('INVALID');
      expect(c.tracker.out.reason).toBe(TcpReason.INVALID_RST);
      expect(c.state).toBe('ESTABLISHED');
    }
  });

  it('refuses an RST far beyond the window, and keeps the state for a near miss', () => {
    const c = handshake();
    expect(c.send(R, { flags: TCP_RST, seq: 5001 + 10_000_000 })).toBe('INVALID');
    expect(c.tracker.out.reason).toBe(TcpReason.OUT_OF_WINDOW);
    // In window but not exact: accepted without closing (RFC 5961 challenge ACK follows).
    expect(c.send(R, { flags: TCP_RST, seq: 5101 })).toBe('ACCEPT');
    expect(c.state).toBe('ESTABLISHED');
  });

  it('deletes a connection whose only answer is an RST', () => {
    const c = new TestConn({ flags: TCP_SYN, seq: CISN });
    expect(c.send(R, { flags: TCP_RST | TCP_ACK, seq: 0, ack: CISN + 1 })).toBe('ACCEPT');
    expect(c.state).toBe('CLOSE');
    expect(c.tracker.out.kill).toBe(true);
  });
});

describe('TcpTracker: start and mid-stream pickup', () => {
  const midstream = { flags: TCP_ACK, seq: 7000, ack: 3000, window: 1000 };

  it('picks up an ACK mid-stream when loose, liberal for both directions', () => {
    const c = new TestConn(midstream);
    expect(c.state).toBe('ESTABLISHED');
    for (const s of c.part.seen)
      expect(s.flags & (TcpWindowFlag.BE_LIBERAL | TcpWindowFlag.SACK_PERM)).toBe(0x0a);
    expect(c.part.seen[C]).toMatchObject({ tdEnd: 7000, tdMaxwin: 1000, tdMaxend: 8000 });
    expect(c.remainingUs).toBe(300 * S); // no reply yet: at most UNACK
    expect(c.send(R, { flags: TCP_ACK, seq: 3000, ack: 7000 })).toBe('ACCEPT');
    expect(c.remainingUs).toBe(300 * S); // the first reply still counts as "no reply seen"
    expect(c.send(C, midstream)).toBe('ACCEPT');
    expect(c.part.status & TcpStatus.ASSURED).toBeTruthy();
    expect(c.remainingUs).toBe(DAYS_5);
  });

  it('starts a SYN in SYN_SENT, reusing a pooled part when given one', () => {
    const t = new TcpTracker(defaultTcpTrackerConfig);
    const used = handshake().part;
    const part = t.start(tcpSegment({ flags: TCP_SYN, seq: 42, wscale: 3 }), 5 * S, used);
    expect(part).toBe(used);
    expect(part).toMatchObject({ state: TcpCtState.SYN_SENT, status: 0, retrans: 0 });
    expect(part?.expiresUs).toBe(125 * S);
    expect(part?.seen[0]).toMatchObject({ tdEnd: 43, tdMaxend: 43, tdScale: 3 });
    // The SYN's window check already set the reply side's right edge (0 + window 65535).
    expect(part?.seen[1]).toEqual({ ...newTcpWindowState(), tdMaxend: 65535 });
    expect(t.out).toMatchObject({ oldState: 0, newState: 1, changed: true, refreshed: true });
  });

  it('refuses pickup when not loose, and packets that never start a connection', () => {
    const t = new TcpTracker({ ...defaultTcpTrackerConfig, loose: false });
    expect(t.start(tcpSegment(midstream))).toBeNull();
    expect(t.out.reason).toBe(TcpReason.NO_PICKUP);
    expect(t.start(tcpSegment({ flags: TCP_SYN, seq: 1 }))).not.toBeNull();
    const loose = new TcpTracker(defaultTcpTrackerConfig);
    for (const flags of [TCP_SYN | TCP_ACK, TCP_RST, TCP_RST | TCP_ACK, TCP_FIN | TCP_ACK]) {
      expect(loose.start(tcpSegment({ flags, seq: 1, ack: 1 }))).toBeNull();
      expect(loose.out.reason).toBe(TcpReason.INVALID_NEW);
    }
    for (const flags of [0, TCP_FIN, TCP_SYN | TCP_FIN, TCP_SYN | TCP_RST]) {
      expect(loose.start(tcpSegment({ flags, seq: 1 }))).toBeNull();
      expect(loose.out.reason).toBe(TcpReason.BAD_FLAGS);
    }
  });

  it('keeps a part that is plain JSON data with no connection identifier', () => {
    const c = handshake();
    expect(JSON.parse(JSON.stringify(c.part))).toEqual(c.part);
    expect(Object.keys(c.part).some((k) => /id|conn/i.test(k))).toBe(false);
  });
});
