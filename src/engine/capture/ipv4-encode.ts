import { invariant, violated } from '../errors';
import {
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  IPV4_HEADER_BYTES,
  TCP_HEADER_BYTES,
  type Packet,
} from '../net/packet';

const TCP_OPTION_NOP = 1;
const TCP_OPTION_MSS = 2;
const TCP_OPTION_WINDOW_SCALE = 3;
/** The IPv4 total length field's limit. */
const MAX_TOTAL_LENGTH_BYTES = 0xffff;

/**
 * The bytes of a simulated packet as they would cross the wire, for captures Wireshark opens
 * with LINKTYPE_RAW (the frame is the IPv4 packet itself). Every checksum is filled in, so
 * Wireshark's checksum checks pass. Export only: one new array per packet, clarity over speed.
 *
 * The IPv4 header has no options and flags 0: the simulator neither fragments nor discovers
 * path MTUs, so claiming don't-fragment (as Linux does for TCP) would describe nothing it does.
 */
export function encodeIpv4Packet(p: Packet): Uint8Array {
  if (!(p.payloadLen >= 0 && p.payloadLen <= p.payload.length))
    violated(`payload length ${p.payloadLen} of a ${p.payload.length}-byte buffer`);
  // A replayed capture may hold packets bigger than the MTU, but never past this.
  if (!(p.ipBytes <= MAX_TOTAL_LENGTH_BYTES))
    violated(`${p.ipBytes} bytes overflow an IPv4 packet`);
  const out = new FieldWriter(new Uint8Array(p.ipBytes));
  const transportAt = IPV4_HEADER_BYTES;
  // The payload goes in first: the transport checksums cover it.
  out.bytes.set(p.payload.subarray(0, p.payloadLen), transportAt + p.transportHeaderBytes);
  switch (p.proto) {
    case IPPROTO_TCP:
      writeTcpHeader(out, p, transportAt);
      break;
    case IPPROTO_UDP:
      writeUdpHeader(out, p, transportAt);
      break;
    case IPPROTO_ICMP:
      writeIcmpHeader(out, p, transportAt);
      break;
  }
  writeIpv4Header(out, p);
  return out.bytes;
}

function writeIpv4Header(out: FieldWriter, p: Packet): void {
  out
    .u8(0, 0x45) // version 4, IHL 5 words
    .u8(1, 0) // DSCP and ECN
    .u16(2, p.ipBytes)
    .u16(4, p.ipId)
    .u16(6, 0) // flags and fragment offset
    .u8(8, p.ttl)
    .u8(9, p.proto)
    .u32(12, p.srcAddr)
    .u32(16, p.dstAddr);
  out.u16(10, internetChecksum(out.bytes, 0, IPV4_HEADER_BYTES, 0));
}

function writeTcpHeader(out: FieldWriter, p: Packet, at: number): void {
  out
    .u16(at, p.srcPort)
    .u16(at + 2, p.dstPort)
    .u32(at + 4, p.seq)
    .u32(at + 8, p.ack)
    .u8(at + 12, (p.transportHeaderBytes / 4) << 4) // data offset in words
    .u8(at + 13, p.flags)
    .u16(at + 14, p.window);
  // Urgent pointer stays 0. Options as Packet.transportHeaderBytes counts them: MSS, then
  // window scale behind a NOP, each one 32-bit word, so no padding is needed.
  let option = at + TCP_HEADER_BYTES;
  if (p.mssOption > 0) {
    out
      .u8(option, TCP_OPTION_MSS)
      .u8(option + 1, 4)
      .u16(option + 2, p.mssOption);
    option += 4;
  }
  if (p.wscaleOption >= 0) {
    out.u8(option, TCP_OPTION_NOP).u8(option + 1, TCP_OPTION_WINDOW_SCALE);
    out.u8(option + 2, 3).u8(option + 3, p.wscaleOption);
    option += 4;
  }
  invariant(option === at + p.transportHeaderBytes, 'TCP options fill the header exactly');
  out.u16(at + 16, transportChecksum(out.bytes, p, at));
}

function writeUdpHeader(out: FieldWriter, p: Packet, at: number): void {
  out
    .u16(at, p.srcPort)
    .u16(at + 2, p.dstPort)
    .u16(at + 4, p.ipBytes - IPV4_HEADER_BYTES);
  // A computed 0 is sent as its one's-complement twin: 0 on the wire means "no checksum".
  out.u16(at + 6, transportChecksum(out.bytes, p, at) || 0xffff);
}

/** Type, code, checksum, then identifier and sequence (what the engine's ICMP carries). */
function writeIcmpHeader(out: FieldWriter, p: Packet, at: number): void {
  out
    .u8(at, p.icmpType)
    .u8(at + 1, p.icmpCode)
    .u16(at + 4, p.icmpId)
    .u16(at + 6, p.icmpSeq);
  // ICMP's checksum covers the message alone, no pseudo-header.
  out.u16(at + 2, internetChecksum(out.bytes, at, out.bytes.length, 0));
}

/** TCP and UDP checksum: the segment plus a pseudo-header of addresses, protocol and length. */
function transportChecksum(bytes: Uint8Array, p: Packet, at: number): number {
  const length = bytes.length - at;
  const pseudo =
    (p.srcAddr >>> 16) +
    (p.srcAddr & 0xffff) +
    (p.dstAddr >>> 16) +
    (p.dstAddr & 0xffff) +
    p.proto +
    length;
  return internetChecksum(bytes, at, bytes.length, pseudo);
}

/**
 * RFC 1071: the one's complement of the one's-complement sum of 16-bit big-endian words of
 * `from`..`to` (an odd last byte padded with zero), starting from `initial`. The checksum
 * field itself must still be 0 when this runs.
 */
function internetChecksum(bytes: Uint8Array, from: number, to: number, initial: number): number {
  let sum = initial;
  for (let i = from; i + 1 < to; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if ((to - from) % 2 === 1) sum += bytes[to - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Big-endian header fields; each write checks its value fits the field. */
class FieldWriter {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u8(at: number, value: number): this {
    fits(value, 0xff);
    this.view.setUint8(at, value);
    return this;
  }

  u16(at: number, value: number): this {
    fits(value, 0xffff);
    this.view.setUint16(at, value);
    return this;
  }

  u32(at: number, value: number): this {
    fits(value, 0xffffffff);
    this.view.setUint32(at, value);
    return this;
  }
}

function fits(value: number, max: number): void {
  if (!(Number.isInteger(value) && value >= 0 && value <= max))
    violated(`${value} overflows its field`);
}
