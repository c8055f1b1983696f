/**
 * Reading pcap and pcapng captures into network-layer packets, streaming and bounded; and
 * writing them (pcap, pcapng) for Wireshark.
 */
export { CaptureError } from './capture-error';
export { CaptureReader } from './capture-reader';
export {
  concatBytes,
  PcapngWriter,
  PcapWriter,
  type CaptureFrame,
  type CaptureInterfaceSpec,
} from './capture-writer';
export type { CaptureDirection } from './capture-writer';
export { encodeIpv4Packet } from './ipv4-encode';
export { forEachPacket, readCapture, type CaptureContents } from './read-capture';
export type {
  CaptureFragment,
  CaptureIcmp,
  CaptureNetwork,
  CapturePacket,
  CaptureProtocol,
  CaptureTcp,
} from './capture-packet';
export type { CaptureFormat, CaptureInterface, CaptureSummary } from './capture-summary';
export type { SkipReason } from './skip-reason';
export {
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_RAW,
} from './link-layer';
export {
  MAX_BLOCK_BYTES,
  MAX_COUNTER_NAMES,
  MAX_INTERFACES,
  MAX_PACKET_BYTES,
  MAX_SKIPPED_BLOCK_BYTES,
} from './limits';
