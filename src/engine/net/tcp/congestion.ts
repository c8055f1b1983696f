import { seqGe, seqGt } from './seq';

/** What the sender must do after the congestion controller has seen an acknowledgement. */
export const CcAction = { none: 0, fastRetransmit: 1, retransmitNext: 2 } as const;
export type CcActionCode = (typeof CcAction)[keyof typeof CcAction];

/** Upper bound on cwnd, so a long loss-free run cannot grow it without limit. */
const CWND_MAX_BYTES = 1 << 30;

/**
 * NewReno congestion control: slow start and congestion avoidance (RFC 5681, with
 * appropriate byte counting, L = 2 — RFC 3465), fast retransmit after three duplicate ACKs
 * and fast recovery with partial-ACK handling (RFC 6582), loss window of one segment after a
 * retransmission timeout.
 */
export class NewReno {
  cwnd: number;
  ssthresh = CWND_MAX_BYTES;
  dupAcks = 0;
  inRecovery = false;
  /** Highest sequence sent when recovery (or the last timeout) began. */
  recover = 0;

  constructor(
    readonly mss: number,
    initialSegments: number,
    iss: number,
  ) {
    this.cwnd = initialSegments * mss;
    this.recover = iss;
  }

  /** A new cumulative ACK covered `acked` bytes; `flight` is what is still outstanding. */
  onNewAck(acked: number, ack: number, flight: number): CcActionCode {
    this.dupAcks = 0;
    if (this.inRecovery) {
      if (seqGe(ack, this.recover)) {
        // Full acknowledgement: leave recovery with a cwnd that cannot burst (RFC 6582 §3.2 4).
        this.inRecovery = false;
        this.cwnd = Math.max(Math.min(this.ssthresh, flight + this.mss), this.mss);
        return CcAction.none;
      }
      // Partial acknowledgement: deflate by what was acked, retransmit the next hole.
      this.cwnd = Math.max(this.cwnd - acked + this.mss, this.mss);
      return CcAction.retransmitNext;
    }
    if (this.cwnd < this.ssthresh) this.cwnd += Math.min(acked, 2 * this.mss);
    else this.cwnd += Math.max(1, Math.floor((this.mss * acked) / this.cwnd));
    if (this.cwnd > CWND_MAX_BYTES) this.cwnd = CWND_MAX_BYTES;
    return CcAction.none;
  }

  /** A duplicate ACK (RFC 5681 definition) arrived. */
  onDupAck(sndUna: number, sndMax: number, flight: number): CcActionCode {
    this.dupAcks++;
    if (this.inRecovery) {
      this.cwnd += this.mss; // each dup ACK means a segment left the network
      return CcAction.none;
    }
    // Only enter recovery for losses after the last recovery/timeout (RFC 6582 §4.1).
    if (this.dupAcks === 3 && seqGt(sndUna - 1, this.recover)) {
      this.ssthresh = Math.max(Math.floor(flight / 2), 2 * this.mss);
      this.recover = sndMax;
      this.cwnd = this.ssthresh + 3 * this.mss;
      this.inRecovery = true;
      return CcAction.fastRetransmit;
    }
    return CcAction.none;
  }

  /** The retransmission timer expired. */
  onTimeout(flight: number, sndMax: number): void {
    this.ssthresh = Math.max(Math.floor(flight / 2), 2 * this.mss);
    this.cwnd = this.mss;
    this.inRecovery = false;
    this.dupAcks = 0;
    this.recover = sndMax;
  }
}
