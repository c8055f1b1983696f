/**
 * One packet read from a capture, seen from the network layer up. Flat, JSON-ready fields (the
 * payload aside) so a replay or a report can use it as it is. Sizes are bytes, times integer
 * microseconds.
 */
export type CaptureNetwork = 'ipv4' | 'ipv6';
export type CaptureProtocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'other';

export interface CaptureTcp {
  readonly seq: number;
  readonly ack: number;
  /** The flag byte: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE, CWR. */
  readonly flags: number;
  /** The raw window field (not scaled: the scale is negotiated in the SYNs). */
  readonly window: number;
  /** Data offset × 4: the header with its options. */
  readonly headerBytes: number;
  /** The MSS option (SYNs), or null when absent. */
  readonly mss: number | null;
  /** The window-scale shift 0–14 (SYNs), or null when absent. */
  readonly windowScale: number | null;
}

export interface CaptureIcmp {
  readonly type: number;
  readonly code: number;
  /** Identifier and sequence number of an echo request or reply; null for other types. */
  readonly echoId: number | null;
  readonly echoSeq: number | null;
}

/** A fragment of a larger IP packet. Fragments are not reassembled. */
export interface CaptureFragment {
  /** The IPv4 identification or the IPv6 fragment header's identification. */
  readonly id: number;
  readonly offsetBytes: number;
  readonly moreFragments: boolean;
}

export interface CapturePacket {
  /** 1-based number of this packet record in the file, skipped records included (as Wireshark). */
  readonly frame: number;
  /** Index into the summary's `interfaces` (all pcapng sections numbered together). */
  readonly interfaceIndex: number;
  /** Integer microseconds since the epoch; null for a pcapng simple packet block (no time). */
  readonly timeUs: number | null;
  /** Bytes of the frame in the file. */
  readonly capturedBytes: number;
  /** Bytes of the frame on the wire. */
  readonly originalBytes: number;
  /** capturedBytes < originalBytes: the snaplen cut the frame; headers are whole, payload is not. */
  readonly truncated: boolean;
  readonly linkType: number;
  /** 802.1Q / 802.1ad VLAN ids, outermost first. */
  readonly vlanIds: readonly number[];
  readonly network: CaptureNetwork;
  /** Addresses as text: dotted quad, or RFC 5952 for IPv6. */
  readonly src: string;
  readonly dst: string;
  /** IPv4 TTL or IPv6 hop limit. */
  readonly ttl: number;
  /** IPv4 protocol or the IPv6 header chain's last next-header value. */
  readonly ipProtocol: number;
  /** The IP packet's length as its header states it (header included). */
  readonly ipBytes: number;
  readonly fragment: CaptureFragment | null;
  readonly protocol: CaptureProtocol;
  /** TCP or UDP ports; null for other protocols and for fragments without the transport header. */
  readonly srcPort: number | null;
  readonly dstPort: number | null;
  /** Non-null exactly when protocol is 'tcp' and this packet holds the TCP header. */
  readonly tcp: CaptureTcp | null;
  /** Non-null exactly when protocol is 'icmp' or 'icmpv6' and this packet holds its header. */
  readonly icmp: CaptureIcmp | null;
  /** What follows the transport header (or the IP headers when there is none) as its header says. */
  readonly payloadBytes: number;
  /**
   * The payload bytes that were captured: the reader's own copy (never a view into the file),
   * at most MAX_PACKET_BYTES, shorter than payloadBytes when the packet is truncated.
   */
  readonly payload: Uint8Array;
}
