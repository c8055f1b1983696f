import { describe, expect, it } from 'vitest';
import { TCP_ACK, TCP_FIN, TCP_SYN } from '../../../net/packet';
import { newTcpPart, newTcpWindowState, TcpWindowFlag } from './tcp-part';
import { TcpReason, TcpResult, TcpTrackOut } from './tcp-result';
import { TcpCtState } from './tcp-states';
import { tcpSegment } from './tcp-testing';
import { maxAckWindow, segmentEnd, tcpInitSender, tcpInWindow, tcpOptions } from './tcp-window';

describe('segmentEnd (segment_seq_plus_len)', () => {
  it('counts payload, SYN and FIN, modulo 2^32', () => {
    expect(segmentEnd(tcpSegment({ flags: TCP_SYN, seq: 10 }))).toBe(11);
    expect(segmentEnd(tcpSegment({ flags: TCP_ACK, seq: 10, len: 100 }))).toBe(110);
    expect(segmentEnd(tcpSegment({ flags: TCP_FIN | TCP_ACK, seq: 10, len: 5 }))).toBe(16);
    expect(segmentEnd(tcpSegment({ flags: TCP_ACK, seq: 0xffffffff, len: 2 }))).toBe(1);
  });
});

describe('tcpOptions', () => {
  it('records window scaling, clamped to 14, and keeps only be-liberal of the old flags', () => {
    const s = newTcpWindowState();
    s.flags = TcpWindowFlag.BE_LIBERAL | TcpWindowFlag.SACK_PERM | TcpWindowFlag.CLOSE_INIT;
    tcpOptions(tcpSegment({ flags: TCP_SYN, seq: 0, wscale: 20 }), s);
    expect(s.tdScale).toBe(14);
    expect(s.flags).toBe(TcpWindowFlag.BE_LIBERAL | TcpWindowFlag.WINDOW_SCALE);
  });

  it('resets the scale when options carry none, and changes nothing without options', () => {
    const s = newTcpWindowState();
    s.tdScale = 7;
    s.flags = TcpWindowFlag.WINDOW_SCALE;
    tcpOptions(tcpSegment({ flags: TCP_SYN, seq: 0 }), s);
    expect([s.tdScale, s.flags]).toEqual([7, TcpWindowFlag.WINDOW_SCALE]);
    tcpOptions(tcpSegment({ flags: TCP_SYN, seq: 0, mss: 1460 }), s);
    expect([s.tdScale, s.flags]).toEqual([0, 0]);
  });
});

describe('tcpInitSender', () => {
  it('scales only when both sides offered it (known from the reply)', () => {
    const orig = newTcpWindowState();
    const reply = newTcpWindowState();
    tcpOptions(tcpSegment({ flags: TCP_SYN, seq: 0, wscale: 7 }), orig);
    tcpInitSender(reply, orig, tcpSegment({ flags: TCP_SYN | TCP_ACK, seq: 9, mss: 1 }), 10, 0, 1);
    expect([orig.tdScale, reply.tdScale]).toEqual([0, 0]);
    expect(reply).toMatchObject({ tdEnd: 10, tdMaxend: 10, tdMaxwin: 1 });
  });
});

describe('maxAckWindow (MAXACKWINDOW)', () => {
  it('is the sender max window, at least 66000', () => {
    const s = newTcpWindowState();
    s.tdMaxwin = 1000;
    expect(maxAckWindow(s)).toBe(66000);
    s.tdMaxwin = 1 << 20;
    expect(maxAckWindow(s)).toBe(1 << 20);
  });
});

describe('tcpInWindow', () => {
  /** Client (dir 0) sent up to 1000 with window 10000; the server up to 5000 with 2000. */
  function established() {
    const part = newTcpPart();
    part.state = TcpCtState.ESTABLISHED;
    Object.assign(part.seen[0], { tdEnd: 1000, tdMaxend: 3000, tdMaxwin: 10000 });
    Object.assign(part.seen[1], { tdEnd: 5000, tdMaxend: 15000, tdMaxwin: 2000 });
    return part;
  }
  const out = new TcpTrackOut();
  const data = (seq: number, len: number, ack = 5000) =>
    tcpSegment({ flags: TCP_ACK, seq, ack, len, window: 10000 });

  it('accepts data inside the window and moves the edges', () => {
    const part = established();
    expect(tcpInWindow(part, 0, 3, data(1000, 500), false, out)).toBe(TcpResult.ACCEPT);
    expect(part.seen[0].tdEnd).toBe(1500);
    expect(part.seen[0].flags & TcpWindowFlag.DATA_UNACKNOWLEDGED).toBeTruthy();
    expect(part.seen[1].tdMaxend).toBe(15000); // 5000 + 10000 is not beyond it
  });

  it('ignores a segment a little past the window, invalid when far past', () => {
    const part = established();
    out.begin(part.state);
    expect(tcpInWindow(part, 0, 3, data(3001, 500), false, out)).toBe(TcpResult.IGNORE);
    expect(out.reason).toBe(TcpReason.OVERSHOT);
    expect(part.seen[0].tdEnd).toBe(3501); // remembered, so its ACK will pass
    expect(tcpInWindow(part, 0, 3, data(9000, 500), false, out)).toBe(TcpResult.INVALID);
    expect(out.reason).toBe(TcpReason.OUT_OF_WINDOW);
  });

  it('ignores an ACK older than MAXACKWINDOW', () => {
    const part = established();
    part.seen[1].tdEnd = 200000;
    part.seen[1].tdMaxend = 300000;
    expect(tcpInWindow(part, 0, 3, data(1000, 0, 100000), false, out)).toBe(TcpResult.IGNORE);
    expect(out.reason).toBe(TcpReason.OLD_ACK);
  });
});
