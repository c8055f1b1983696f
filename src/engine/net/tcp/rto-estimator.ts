/**
 * Retransmission timeout per RFC 6298: smoothed RTT and its variation from samples of
 * segments that were not retransmitted (Karn), RTO = SRTT + max(G, 4·RTTVAR) clamped to
 * [minRtoUs, maxRtoUs], doubled on each timeout (exponential back-off) until a new sample.
 */
export class RtoEstimator {
  srttUs = 0;
  rttvarUs = 0;
  rtoUs: number;
  private hasSample = false;
  /** Timeouts since the last successful sample. */
  backoffs = 0;

  constructor(
    private readonly initialRtoUs: number,
    private readonly minRtoUs: number,
    private readonly maxRtoUs: number,
    /** Clock granularity G; our clock ticks in microseconds. */
    private readonly granularityUs = 1,
  ) {
    this.rtoUs = this.clamp(initialRtoUs);
  }

  sample(rttUs: number): void {
    if (!this.hasSample) {
      this.srttUs = rttUs;
      this.rttvarUs = rttUs / 2;
      this.hasSample = true;
    } else {
      this.rttvarUs = 0.75 * this.rttvarUs + 0.25 * Math.abs(this.srttUs - rttUs);
      this.srttUs = 0.875 * this.srttUs + 0.125 * rttUs;
    }
    this.backoffs = 0;
    this.rtoUs = this.clamp(this.srttUs + Math.max(this.granularityUs, 4 * this.rttvarUs));
  }

  /** A timeout fired: double the RTO (RFC 6298 §5.5). */
  backOff(): void {
    this.backoffs++;
    this.rtoUs = this.clamp(this.rtoUs * 2);
  }

  private clamp(us: number): number {
    return Math.round(Math.min(this.maxRtoUs, Math.max(this.minRtoUs, us)));
  }

  get initialUs(): number {
    return this.initialRtoUs;
  }
}
