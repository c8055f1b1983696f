import { violated } from '../errors';
import { formatIpv4, type Ipv4 } from './ipv4';

export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export const ICMP_ECHO_REPLY = 0;
export const ICMP_ECHO_REQUEST = 8;

export const IPV4_HEADER_BYTES = 20;
export const TCP_HEADER_BYTES = 20;
export const UDP_HEADER_BYTES = 8;
export const ICMP_HEADER_BYTES = 8;
/** The links carry IPv4 packets of at most this many bytes (Ethernet MTU). */
export const MTU_BYTES = 1500;
/**
 * The largest payload a packet may carry: what an IPv4 total length allows. Simulated hosts
 * stay within the MTU; a replayed capture may hold larger packets (taken before segmentation
 * offload split them), which go through the firewall as they were recorded.
 */
export const MAX_PAYLOAD_BYTES = 65_535 - IPV4_HEADER_BYTES;

/**
 * One IPv4 packet with its transport header and payload. Packets are pooled and reused (a
 * bulk transfer moves millions), so all layers live as flat numeric fields of one monomorphic
 * object rather than nested header objects; `proto` says which transport fields are meaningful.
 * Addresses are unsigned 32-bit integers. The payload bytes are the packet's own copy.
 */
export class Packet {
  /** Unique serial number of this packet (a new one each time the object is reused). */
  id = 0;
  /** Index of this object in its pool; what events carry to refer to it. */
  readonly slot: number;
  live = false;
  /** Simulated time the sender created it (for latency figures; not a header). */
  createdUs = 0;

  // IPv4
  srcAddr = 0;
  dstAddr = 0;
  proto = 0;
  ttl = 64;
  ipId = 0;

  // TCP / UDP
  srcPort = 0;
  dstPort = 0;
  // TCP
  seq = 0;
  ack = 0;
  flags = 0;
  window = 0;
  /** TCP MSS option value, 0 when absent (only on SYNs). */
  mssOption = 0;
  /** TCP window-scale option shift, -1 when absent (only on SYNs). */
  wscaleOption = -1;

  // ICMP
  icmpType = 0;
  icmpCode = 0;
  icmpId = 0;
  icmpSeq = 0;

  /** Payload buffer (at least MTU_BYTES once allocated); only the first payloadLen bytes count. */
  payload: Uint8Array = EMPTY;
  payloadLen = 0;

  /** The last summary taken of this packet (see summarizePacket); null until one is. */
  summary: PacketSummary | null = null;

  constructor(slot: number) {
    this.slot = slot;
  }

  /** Size of the IPv4 packet on the wire (IP header + transport header + payload). */
  get ipBytes(): number {
    return IPV4_HEADER_BYTES + this.transportHeaderBytes + this.payloadLen;
  }

  get transportHeaderBytes(): number {
    switch (this.proto) {
      case IPPROTO_TCP:
        // MSS (4) and window scale (3 + 1 NOP) options, padded to 32-bit words.
        return TCP_HEADER_BYTES + (this.mssOption > 0 ? 4 : 0) + (this.wscaleOption >= 0 ? 4 : 0);
      case IPPROTO_UDP:
        return UDP_HEADER_BYTES;
      case IPPROTO_ICMP:
        return ICMP_HEADER_BYTES;
      default:
        return 0;
    }
  }

  /** Makes sure the payload buffer holds `capacity` bytes; returns it for writing. */
  payloadBuffer(capacity = MTU_BYTES): Uint8Array {
    if (this.payload.length < capacity) {
      this.payload = new Uint8Array(Math.max(capacity, MTU_BYTES));
    }
    return this.payload;
  }

  setPayload(source: Uint8Array, offset: number, length: number): void {
    if (!(length <= MAX_PAYLOAD_BYTES))
      violated(`payload of ${length} bytes exceeds what an IPv4 packet can carry`);
    const buffer = this.payloadBuffer(length);
    if (length > 0) buffer.set(source.subarray(offset, offset + length));
    this.payloadLen = length;
  }
}

const EMPTY = new Uint8Array(0);

/** The flags tcpFlagsText shows, and their texts, each made once (every TCP summary has one). */
const SHOWN_FLAGS = TCP_SYN | TCP_FIN | TCP_RST | TCP_PSH | TCP_ACK;
const flagTexts: string[] = [];

/** Flag letters as tcpdump prints them: S F R P . (ACK). */
export function tcpFlagsText(flags: number): string {
  const shown = flags & SHOWN_FLAGS;
  return (flagTexts[shown] ??= flagsText(shown));
}

function flagsText(flags: number): string {
  let out = '';
  if (flags & TCP_SYN) out += 'S';
  if (flags & TCP_FIN) out += 'F';
  if (flags & TCP_RST) out += 'R';
  if (flags & TCP_PSH) out += 'P';
  if (flags & TCP_ACK) out += '.';
  return out || 'none';
}

/** Longest payload text a summary carries (a SIP INVITE with its SDP fits). */
export const SUMMARY_TEXT_MAX_CHARS = 512;

/** A copy of the fields a person or a view wants, safe to keep after the packet is reused. */
export interface PacketSummary {
  /** Unique within a run: a pooled packet object gets a new id each time it is reused. */
  readonly id: number;
  readonly proto: 'tcp' | 'udp' | 'icmp' | 'other';
  readonly src: string;
  readonly dst: string;
  /** ICMP: the echo id. */
  readonly sport: number;
  /** ICMP: the echo sequence number. */
  readonly dport: number;
  readonly flags: string;
  readonly seq: number;
  readonly ack: number;
  /** Payload bytes. */
  readonly len: number;
  /** IPv4 total length. */
  readonly bytes: number;
  readonly ttl: number;
  /** IPv4 identification. */
  readonly ipId: number;
  /** TCP window field as sent (unscaled); 0 for other protocols. */
  readonly window: number;
  readonly icmpType: number | null;
  readonly icmpCode: number | null;
  /**
   * The payload as text when it is line-based text (FTP commands and replies, SIP with its
   * SDP), at most SUMMARY_TEXT_MAX_CHARS characters; null for binary or empty payloads.
   */
  readonly text: string | null;
}

/**
 * Addresses as text, made once each: a run has a few dozen hosts, and a trace summarises
 * every packet at every hop — two new strings per event otherwise, held by the page's
 * recorder 200,000 events deep. Bounded: forgotten all at once when full.
 */
const addressTexts = new Map<Ipv4, string>();
const MAX_ADDRESS_TEXTS = 4_096;

function addressText(address: Ipv4): string {
  let text = addressTexts.get(address);
  if (text === undefined) {
    if (addressTexts.size >= MAX_ADDRESS_TEXTS) addressTexts.clear();
    text = formatIpv4(address);
    addressTexts.set(address, text);
  }
  return text;
}

/**
 * The packet's summary. A packet is summarised at every event of its way (sent, judged,
 * forwarded, sent on, delivered): while the summary taken last still says what the packet
 * says, it is given again (its fields are read-only) rather than a new one per event, held
 * 200,000 deep by the page's recorder. Every field is compared but the payload's text, which
 * is set before a packet is first sent and comes with its length.
 */
export function summarizePacket(p: Packet): PacketSummary {
  const last = p.summary;
  if (last !== null && stillSays(last, p)) return last;
  const summary = newSummary(p);
  p.summary = summary;
  return summary;
}

function stillSays(s: PacketSummary, p: Packet): boolean {
  const tcp = p.proto === IPPROTO_TCP;
  const icmp = p.proto === IPPROTO_ICMP;
  return (
    s.id === p.id &&
    s.ttl === p.ttl &&
    s.ipId === p.ipId &&
    s.seq === p.seq &&
    s.ack === p.ack &&
    s.len === p.payloadLen &&
    s.bytes === p.ipBytes &&
    s.proto === protoName(p.proto) &&
    s.src === addressText(p.srcAddr) &&
    s.dst === addressText(p.dstAddr) &&
    s.sport === (icmp ? p.icmpId : p.srcPort) &&
    s.dport === (icmp ? p.icmpSeq : p.dstPort) &&
    (!tcp || s.flags === tcpFlagsText(p.flags)) &&
    s.window === (tcp ? p.window : 0) &&
    s.icmpType === (icmp ? p.icmpType : null) &&
    s.icmpCode === (icmp ? p.icmpCode : null)
  );
}

function protoName(proto: number): PacketSummary['proto'] {
  return proto === IPPROTO_TCP
    ? 'tcp'
    : proto === IPPROTO_UDP
      ? 'udp'
      : proto === IPPROTO_ICMP
        ? 'icmp'
        : 'other';
}

function newSummary(p: Packet): PacketSummary {
  const proto = protoName(p.proto);
  const icmp = proto === 'icmp';
  return {
    id: p.id,
    proto,
    src: addressText(p.srcAddr),
    dst: addressText(p.dstAddr),
    sport: icmp ? p.icmpId : p.srcPort,
    dport: icmp ? p.icmpSeq : p.dstPort,
    flags: proto === 'tcp' ? tcpFlagsText(p.flags) : icmp ? `type ${p.icmpType}` : '',
    seq: p.seq,
    ack: p.ack,
    len: p.payloadLen,
    bytes: p.ipBytes,
    ttl: p.ttl,
    ipId: p.ipId,
    window: proto === 'tcp' ? p.window : 0,
    icmpType: icmp ? p.icmpType : null,
    icmpCode: icmp ? p.icmpCode : null,
    text: payloadText(p.payload, p.payloadLen),
  };
}

const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;

/**
 * The start of a payload as text when it is line-based text: it ends a line (LF) and its first
 * SUMMARY_TEXT_MAX_CHARS bytes are printable ASCII, tabs or line breaks. The end-of-line test
 * comes first, so binary payloads (file data, RTP) cost one comparison, and it keeps a short
 * random tail of a file from passing for text.
 */
export function payloadText(payload: Uint8Array, length: number): string | null {
  if (length === 0 || payload[length - 1] !== LF) return null;
  const n = Math.min(length, SUMMARY_TEXT_MAX_CHARS);
  let text = '';
  for (let i = 0; i < n; i++) {
    const b = payload[i];
    if ((b < 0x20 || b > 0x7e) && b !== LF && b !== CR && b !== TAB) return null;
    text += String.fromCharCode(b);
  }
  return text;
}
