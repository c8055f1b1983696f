import { TrackResult, type TrackResultCode } from './track-result';

export const UdpCtState = { unreplied: 0, replied: 1, assured: 2 } as const;
export const udpCtStateNames: readonly string[] = ['UNREPLIED', 'REPLIED', 'ASSURED'];

/** The UDP module's data for one connection. No connection identifier (see PartTable). */
export interface UdpPart {
  state: number;
  /** Time from which two-way traffic counts as a stream (creation + 2 s). */
  streamFromUs: number;
}

export interface UdpTimeouts {
  /** Kernel nf_conntrack_udp_timeout: 30 s. */
  unrepliedUs: number;
  /** Kernel nf_conntrack_udp_timeout_stream: 120 s. */
  streamUs: number;
}

export const defaultUdpTimeouts: UdpTimeouts = { unrepliedUs: 30_000_000, streamUs: 120_000_000 };

/** Two seconds, as the kernel's udp_new(): a "stream" must outlive a single request/answer. */
const STREAM_AFTER_US = 2_000_000;

/**
 * UDP tracking as the kernel's nf_conntrack_proto_udp does it: unreplied until an answer is
 * seen (30 s timeout), replied afterwards, and assured with the long stream timeout once
 * two-way traffic is still flowing two seconds after the first packet.
 */
export class UdpTracker {
  constructor(readonly timeouts: UdpTimeouts = defaultUdpTimeouts) {}

  start(nowUs: number): UdpPart {
    return { state: UdpCtState.unreplied, streamFromUs: nowUs + STREAM_AFTER_US };
  }

  track(part: UdpPart, dir: 0 | 1, nowUs: number): TrackResultCode {
    if (dir === 1 && part.state === UdpCtState.unreplied) part.state = UdpCtState.replied;
    if (part.state === UdpCtState.replied && nowUs > part.streamFromUs)
      part.state = UdpCtState.assured;
    return TrackResult.accept;
  }

  timeoutUs(part: UdpPart): number {
    return part.state === UdpCtState.assured ? this.timeouts.streamUs : this.timeouts.unrepliedUs;
  }
}
