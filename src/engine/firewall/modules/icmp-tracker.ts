import { ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, type Packet } from '../../net/packet';
import { TrackResult, type TrackResultCode } from './track-result';

export const icmpCtStateNames: readonly string[] = ['REQUEST', 'REPLIED'];

/** The ICMP module's data for one echo exchange (conntrack tracks echo by its identifier). */
export interface IcmpPart {
  state: number;
}

/** Kernel nf_conntrack_icmp_timeout: 30 s. */
export const DEFAULT_ICMP_TIMEOUT_US = 30_000_000;

/**
 * ICMP echo tracking like the kernel's nf_conntrack_proto_icmp: an echo request opens a
 * connection keyed by the echo identifier, echo replies travel back on it; a reply with no
 * request, or a request going the wrong way, is invalid.
 */
export class IcmpTracker {
  constructor(readonly timeoutUs: number = DEFAULT_ICMP_TIMEOUT_US) {}

  /** Only an echo request can start a connection. */
  canStart(p: Packet): boolean {
    return p.icmpType === ICMP_ECHO_REQUEST;
  }

  start(): IcmpPart {
    return { state: 0 };
  }

  track(part: IcmpPart, p: Packet, dir: 0 | 1): TrackResultCode {
    const expected = dir === 0 ? ICMP_ECHO_REQUEST : ICMP_ECHO_REPLY;
    if (p.icmpType !== expected) return TrackResult.invalid;
    if (dir === 1) part.state = 1;
    return TrackResult.accept;
  }
}
