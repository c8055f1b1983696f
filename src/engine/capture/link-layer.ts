import { u16 } from './bytes';
import type { CaptureNetwork } from './capture-packet';
import { MAX_VLAN_TAGS } from './limits';
import { shortHeader, type SkipReason } from './skip-reason';

/** Link types read (tcpdump.org's LINKTYPE_ values). */
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_ARP = 0x0806;
const ETHERTYPE_IPV6 = 0x86dd;
/** 802.1Q, 802.1ad and the pre-standard QinQ tag some switches still send. */
const VLAN_TPIDS = new Set([0x8100, 0x88a8, 0x9100]);
/** Below this an Ethernet type field is an 802.3 length: an LLC frame follows. */
const ETHERTYPE_MIN = 0x0600;
/** Linux cooked captures: the protocol field's pseudo-types for 802.3 and 802.2 frames. */
const SLL_LLC_PROTOCOLS = new Set([0x0001, 0x0004]);
const ARPHRD_NETLINK = 824;

/** Where the network layer starts in a frame, and what it is. */
export interface LinkView {
  readonly network: CaptureNetwork;
  readonly start: number;
  readonly vlanIds: readonly number[];
}

/** Strips the link-layer header of `frame`; a skip reason when it holds no IP packet. */
export function decodeLinkLayer(
  linkType: number,
  frame: Uint8Array,
  truncated: boolean,
): LinkView | SkipReason {
  const short = shortHeader('link', truncated);
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      if (frame.length < 14) return short;
      return fromEtherType(frame, 12, truncated);
    case LINKTYPE_LINUX_SLL:
      // packet type, ARPHRD type, address length, 8 address bytes, protocol.
      if (frame.length < 16) return short;
      if (u16(frame, 2) === ARPHRD_NETLINK) return 'netlink';
      return fromCookedProtocol(frame, 14, truncated);
    case LINKTYPE_LINUX_SLL2:
      // protocol, reserved, interface index, ARPHRD type, packet type, address length, address.
      if (frame.length < 20) return short;
      if (u16(frame, 8) === ARPHRD_NETLINK) return 'netlink';
      return fromCookedProtocol(frame, 0, truncated, 20);
    case LINKTYPE_RAW:
      if (frame.length < 1) return short;
      if (frame[0] >> 4 === 4) return { network: 'ipv4', start: 0, vlanIds: [] };
      if (frame[0] >> 4 === 6) return { network: 'ipv6', start: 0, vlanIds: [] };
      return 'bad-ip-version';
    case LINKTYPE_IPV4:
      return { network: 'ipv4', start: 0, vlanIds: [] };
    case LINKTYPE_IPV6:
      return { network: 'ipv6', start: 0, vlanIds: [] };
    default:
      return `unknown-linktype-${linkType}`;
  }
}

function fromCookedProtocol(
  frame: Uint8Array,
  typeAt: number,
  truncated: boolean,
  headerBytes = typeAt + 2,
): LinkView | SkipReason {
  const protocol = u16(frame, typeAt);
  if (SLL_LLC_PROTOCOLS.has(protocol)) return 'llc';
  // Other small values are Linux pseudo-protocols (CAN, PPP, ...), not 802.3 lengths.
  if (protocol < ETHERTYPE_MIN) return etherTypeName(protocol);
  return fromEtherType(frame, typeAt, truncated, headerBytes);
}

/**
 * Reads the ethertype at `typeAt` (the link header ending at `headerBytes`), stepping over up
 * to MAX_VLAN_TAGS tags: each is a tag protocol id, 2 bytes of priority and VLAN id, and the
 * next ethertype.
 */
function fromEtherType(
  frame: Uint8Array,
  typeAt: number,
  truncated: boolean,
  headerBytes = typeAt + 2,
): LinkView | SkipReason {
  let type = u16(frame, typeAt);
  let start = headerBytes;
  const vlanIds: number[] = [];
  while (VLAN_TPIDS.has(type)) {
    if (vlanIds.length === MAX_VLAN_TAGS) return 'too-many-vlan-tags';
    if (frame.length < start + 4) return shortHeader('link', truncated);
    vlanIds.push(u16(frame, start) & 0x0fff);
    type = u16(frame, start + 2);
    start += 4;
  }
  if (type === ETHERTYPE_IPV4) return { network: 'ipv4', start, vlanIds };
  if (type === ETHERTYPE_IPV6) return { network: 'ipv6', start, vlanIds };
  if (type === ETHERTYPE_ARP) return 'arp';
  if (type < ETHERTYPE_MIN) return 'llc';
  return etherTypeName(type);
}

function etherTypeName(type: number): `ethertype-0x${string}` {
  return `ethertype-0x${type.toString(16).padStart(4, '0')}`;
}
