import { invariant } from '../errors';
import type { CapturePacket } from './capture-packet';
import { decodeIpv4 } from './ipv4-layer';
import { decodeIpv6 } from './ipv6-layer';
import { decodeLinkLayer } from './link-layer';
import type { SkipReason } from './skip-reason';
import { decodeTransport } from './transport-layer';

/** What the file's record says about a frame, before its bytes are looked at. */
export interface FrameRecord {
  readonly frame: number;
  readonly interfaceIndex: number;
  readonly timeUs: number | null;
  readonly linkType: number;
  readonly capturedBytes: number;
  readonly originalBytes: number;
}

/**
 * Decodes one frame's bytes (`data`, capturedBytes long) down to its transport payload; a skip
 * reason when it is not an IP packet or one of its headers is unusable. Never throws on any
 * bytes: the frame comes from a file that passed the structural checks, its content did not.
 */
export function decodeFrame(record: FrameRecord, data: Uint8Array): CapturePacket | SkipReason {
  invariant(data.length === record.capturedBytes, 'frame bytes match the captured length');
  const truncated = record.capturedBytes < record.originalBytes;
  const link = decodeLinkLayer(record.linkType, data, truncated);
  if (typeof link === 'string') return link;
  const ip =
    link.network === 'ipv4'
      ? decodeIpv4(data, link.start, truncated)
      : decodeIpv6(data, link.start, truncated);
  if (typeof ip === 'string') return ip;
  const transport = decodeTransport(data, ip, truncated);
  if (typeof transport === 'string') return transport;
  const { payloadStart, payloadBytes } = transport;
  const payloadEnd = Math.min(ip.end, payloadStart + payloadBytes);
  invariant(payloadStart <= payloadEnd, 'the payload starts inside the captured packet');
  return {
    ...record,
    truncated,
    vlanIds: link.vlanIds,
    network: ip.network,
    src: ip.src,
    dst: ip.dst,
    ttl: ip.ttl,
    ipProtocol: ip.ipProtocol,
    ipBytes: ip.ipBytes,
    fragment: ip.fragment,
    protocol: transport.protocol,
    srcPort: transport.srcPort,
    dstPort: transport.dstPort,
    tcp: transport.tcp,
    icmp: transport.icmp,
    payloadBytes,
    // A copy, so that a packet kept by the caller never pins a whole chunk of the file.
    payload: data.slice(payloadStart, payloadEnd),
  };
}
