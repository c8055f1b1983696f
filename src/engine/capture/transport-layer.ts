import { u16, u32 } from './bytes';
import type { CaptureIcmp, CaptureProtocol, CaptureTcp } from './capture-packet';
import type { IpView } from './ip-view';
import { shortHeader, type SkipReason } from './skip-reason';
import { readTcpOptions } from './tcp-options';

const IPPROTO_ICMP = 1;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const IPPROTO_ICMPV6 = 58;
const ECHO_TYPES = { icmp: [0, 8], icmpv6: [128, 129] } as const;

/** The transport header's fields and where the payload lies in the frame. */
export interface TransportView {
  readonly protocol: CaptureProtocol;
  readonly srcPort: number | null;
  readonly dstPort: number | null;
  readonly tcp: CaptureTcp | null;
  readonly icmp: CaptureIcmp | null;
  readonly payloadStart: number;
  /** Payload length as the headers state it (the captured part may be shorter). */
  readonly payloadBytes: number;
}

function protocolOf(ip: IpView): CaptureProtocol {
  if (ip.ipProtocol === IPPROTO_TCP) return 'tcp';
  if (ip.ipProtocol === IPPROTO_UDP) return 'udp';
  if (ip.network === 'ipv4' && ip.ipProtocol === IPPROTO_ICMP) return 'icmp';
  if (ip.network === 'ipv6' && ip.ipProtocol === IPPROTO_ICMPV6) return 'icmpv6';
  return 'other';
}

/**
 * Reads the TCP, UDP, ICMP or ICMPv6 header after the IP headers. A later fragment has no
 * transport header and neither has a first fragment too short to hold it (a tiny-fragment
 * attack): both keep their protocol with null transport fields and the IP payload as payload.
 */
export function decodeTransport(
  frame: Uint8Array,
  ip: IpView,
  truncated: boolean,
): TransportView | SkipReason {
  const protocol = protocolOf(ip);
  const at = ip.transportStart;
  const bare: TransportView = {
    protocol,
    srcPort: null,
    dstPort: null,
    tcp: null,
    icmp: null,
    payloadStart: at,
    payloadBytes: ip.transportBytes,
  };
  if (protocol === 'other' || (ip.fragment !== null && ip.fragment.offsetBytes > 0)) return bare;
  const stated = ip.transportBytes;
  const captured = ip.end - at;
  const what = protocol === 'icmpv6' ? 'icmp' : protocol;
  // The header must fit what the IP header states, then what was captured.
  const lacking = (bytes: number): TransportView | SkipReason | null => {
    if (stated < bytes) return ip.fragment !== null ? bare : `bad-${what}-header`;
    if (captured < bytes) return shortHeader(what, truncated);
    return null;
  };
  const ports = () => ({ srcPort: u16(frame, at), dstPort: u16(frame, at + 2) });
  switch (protocol) {
    case 'tcp': {
      const short = lacking(20);
      if (short !== null) return short;
      const headerBytes = (frame[at + 12] >> 4) * 4;
      if (headerBytes < 20) return 'bad-tcp-header';
      const rest = lacking(headerBytes);
      if (rest !== null) return rest;
      const tcp = {
        seq: u32(frame, at + 4),
        ack: u32(frame, at + 8),
        flags: frame[at + 13],
        window: u16(frame, at + 14),
        headerBytes,
        ...readTcpOptions(frame, at + 20, at + headerBytes),
      };
      return {
        ...bare,
        ...ports(),
        tcp,
        payloadStart: at + headerBytes,
        payloadBytes: stated - headerBytes,
      };
    }
    case 'udp': {
      const short = lacking(8);
      if (short !== null) return short;
      // A fragment's UDP length counts the whole datagram; 0 marks an IPv6 jumbogram.
      const length = u16(frame, at + 4);
      const whole = ip.fragment !== null || (length === 0 && ip.network === 'ipv6');
      if (!whole && (length < 8 || length > stated)) return 'bad-udp-header';
      return {
        ...bare,
        ...ports(),
        payloadStart: at + 8,
        payloadBytes: (whole ? stated : length) - 8,
      };
    }
    default: {
      const short = lacking(8);
      if (short !== null) return short;
      const type = frame[at];
      const echo = (ECHO_TYPES[protocol] as readonly number[]).includes(type);
      const icmp = {
        type,
        code: frame[at + 1],
        echoId: echo ? u16(frame, at + 4) : null,
        echoSeq: echo ? u16(frame, at + 6) : null,
      };
      return { ...bare, icmp, payloadStart: at + 8, payloadBytes: stated - 8 };
    }
  }
}
