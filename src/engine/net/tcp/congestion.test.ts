import { describe, expect, it } from 'vitest';
import { CcAction, NewReno } from './congestion';

const MSS = 1000;

describe('NewReno', () => {
  it('grows by up to two segments per ACK in slow start, ~one per RTT after', () => {
    const cc = new NewReno(MSS, 10, 0);
    cc.onNewAck(2 * MSS, 2 * MSS, 0);
    expect(cc.cwnd).toBe(12 * MSS);
    cc.ssthresh = 12 * MSS;
    // One window of ACKs in congestion avoidance adds about one segment.
    for (let i = 0; i < 12; i++) cc.onNewAck(MSS, 0, 0);
    expect(cc.cwnd).toBeGreaterThan(12.9 * MSS);
    expect(cc.cwnd).toBeLessThan(13.1 * MSS);
  });

  it('fast-retransmits on the third duplicate ACK, inflates, then deflates on full ACK', () => {
    const cc = new NewReno(MSS, 10, 0);
    const flight = 20 * MSS;
    expect(cc.onDupAck(5001, 25001, flight)).toBe(CcAction.none);
    expect(cc.onDupAck(5001, 25001, flight)).toBe(CcAction.none);
    expect(cc.onDupAck(5001, 25001, flight)).toBe(CcAction.fastRetransmit);
    expect(cc.ssthresh).toBe(10 * MSS);
    expect(cc.cwnd).toBe(13 * MSS);
    cc.onDupAck(5001, 25001, flight);
    expect(cc.cwnd).toBe(14 * MSS);
    // Partial ACK: still in recovery, asks for the next hole.
    expect(cc.onNewAck(2 * MSS, 7001, 18 * MSS)).toBe(CcAction.retransmitNext);
    expect(cc.inRecovery).toBe(true);
    // Full ACK beyond recover: leave recovery at ssthresh at most.
    expect(cc.onNewAck(18 * MSS, 25001, 0)).toBe(CcAction.none);
    expect(cc.inRecovery).toBe(false);
    expect(cc.cwnd).toBe(MSS);
  });

  it('does not re-enter recovery for duplicate ACKs of data sent before a timeout', () => {
    const cc = new NewReno(MSS, 10, 0);
    cc.onTimeout(10 * MSS, 30001);
    expect(cc.cwnd).toBe(MSS);
    expect(cc.ssthresh).toBe(5 * MSS);
    for (let i = 0; i < 3; i++) expect(cc.onDupAck(20001, 30001, 10 * MSS)).toBe(CcAction.none);
  });
});
