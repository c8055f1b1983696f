import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Packet } from '../net/packet';

/** ICMP types that report an error about another packet (RFC 792): it quotes that packet. */
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);
const QUOTED_TRANSPORT_BYTES = 8;

/** The connection tuple of the packet an ICMP error quotes, in that packet's direction. */
export interface QuotedTuple {
  src: number;
  dst: number;
  proto: number;
  sport: number;
  dport: number;
}

const quoted: QuotedTuple = { src: 0, dst: 0, proto: 0, sport: 0, dport: 0 };

/** Whether the packet is an ICMP error (destination unreachable, time exceeded, …). */
export function isIcmpError(p: Packet): boolean {
  return p.proto === IPPROTO_ICMP && ERROR_TYPES.has(p.icmpType);
}

/**
 * Reads the IPv4 header and first 8 bytes an ICMP error quotes (the kernel's
 * icmp_error_message does the same to find the connection the error is about). Null when the
 * quote is missing or not IPv4. Reuses one object: read it before the next call.
 */
export function quotedTuple(p: Packet): QuotedTuple | null {
  const b = p.payload;
  const n = p.payloadLen;
  if (n < 20 || b[0] >> 4 !== 4) return null;
  const headerBytes = (b[0] & 0x0f) * 4;
  if (headerBytes < 20 || n < headerBytes + QUOTED_TRANSPORT_BYTES) return null;
  const u32 = (at: number) =>
    ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  const u16 = (at: number) => (b[at] << 8) | b[at + 1];
  quoted.proto = b[9];
  quoted.src = u32(12);
  quoted.dst = u32(16);
  const t = headerBytes;
  const ports = quoted.proto === IPPROTO_TCP || quoted.proto === IPPROTO_UDP;
  // An ICMP echo is keyed by its identifier on both sides (bytes 4–5 of the quoted header).
  const icmpId = quoted.proto === IPPROTO_ICMP ? u16(t + 4) : 0;
  quoted.sport = ports ? u16(t) : icmpId;
  quoted.dport = ports ? u16(t + 2) : icmpId;
  return quoted;
}
