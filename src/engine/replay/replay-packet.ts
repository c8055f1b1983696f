import type { CapturePacket } from '../capture/capture-packet';
import { parseIpv4 } from '../net/ipv4';
import { violated } from '../errors';
import { IPPROTO_ICMP, IPPROTO_TCP, MAX_PAYLOAD_BYTES, type Packet } from '../net/packet';

/** Why a packet of a capture is not replayed; counted by reason in the replay report. */
export type ReplaySkipReason =
  /** The engine's router forwards IPv4 only; IPv6 packets are read, counted and skipped. */
  | 'ipv6'
  /** A fragment: the engine has no reassembly (Linux conntrack sees only whole packets). */
  | 'fragment'
  /** Its source lies behind none of the router's ports, so there is no port to enter. */
  | 'source-outside-ports';

/** The reason a capture packet cannot enter the router, or null when it can. */
export function replaySkipReason(cp: CapturePacket): ReplaySkipReason | null {
  if (cp.network !== 'ipv4') return 'ipv6';
  if (cp.fragment !== null) return 'fragment';
  return null;
}

/**
 * Fills an engine packet with what a capture recorded. The engine models the TCP options
 * conntrack's window tracking reads (MSS, window scale) and no others, so a replayed packet's
 * size leaves out timestamp and SACK options. A truncated capture keeps the payload's stated
 * length (sequence tracking needs it) with zeros where bytes were not captured.
 */
export function fillReplayPacket(p: Packet, cp: CapturePacket): void {
  p.srcAddr = parseIpv4(cp.src);
  p.dstAddr = parseIpv4(cp.dst);
  p.proto = cp.ipProtocol;
  p.ttl = cp.ttl;
  if (cp.protocol === 'tcp' || cp.protocol === 'udp') {
    p.srcPort = cp.srcPort ?? 0;
    p.dstPort = cp.dstPort ?? 0;
  }
  const tcp = cp.tcp;
  if (p.proto === IPPROTO_TCP && tcp !== null) {
    p.seq = tcp.seq;
    p.ack = tcp.ack;
    p.flags = tcp.flags;
    p.window = tcp.window;
    p.mssOption = tcp.mss ?? 0;
    p.wscaleOption = tcp.windowScale ?? -1;
  }
  const icmp = cp.icmp;
  if (p.proto === IPPROTO_ICMP && icmp !== null) {
    p.icmpType = icmp.type;
    p.icmpCode = icmp.code;
    p.icmpId = icmp.echoId ?? 0;
    p.icmpSeq = icmp.echoSeq ?? 0;
  }
  setPayload(p, cp);
}

function setPayload(p: Packet, cp: CapturePacket): void {
  const length = cp.payloadBytes;
  const captured = Math.min(cp.payload.length, length);
  // Sized for the stated length first: the buffer may grow, and the copy must land in it.
  if (!(length <= MAX_PAYLOAD_BYTES)) violated(`frame ${cp.frame}: payload of ${length} bytes`);
  const buffer = p.payloadBuffer(length);
  buffer.set(cp.payload.subarray(0, captured));
  buffer.fill(0, captured, length);
  p.payloadLen = length;
}
