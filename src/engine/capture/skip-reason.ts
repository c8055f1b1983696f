/**
 * Why a packet record was not turned into a packet. Skipping is for what a sound file may hold:
 * traffic the simulator does not model (ARP, LLC, other ethertypes and link types) and single
 * malformed packets (a bad IPv4 header does not make the file bad). `truncated-…` means the
 * snaplen cut the frame inside that header; `bad-…` means the header itself is inconsistent.
 */
export type SkipReason =
  | 'arp'
  | 'llc'
  | 'netlink'
  | `ethertype-0x${string}`
  | `unknown-linktype-${number}`
  | 'bad-timestamp'
  | 'captured-exceeds-original'
  | 'truncated-link-header'
  | 'bad-link-header'
  | 'too-many-vlan-tags'
  | 'bad-ip-version'
  | 'truncated-ipv4-header'
  | 'bad-ipv4-header'
  | 'truncated-ipv6-header'
  | 'bad-ipv6-header'
  | 'too-many-ipv6-extension-headers'
  | 'truncated-tcp-header'
  | 'bad-tcp-header'
  | 'truncated-udp-header'
  | 'bad-udp-header'
  | 'truncated-icmp-header'
  | 'bad-icmp-header';

/** `truncated-<what>` when the snaplen cut the frame, else `bad-<what>`. */
export function shortHeader<What extends 'link' | 'ipv4' | 'ipv6' | 'tcp' | 'udp' | 'icmp'>(
  what: What,
  truncated: boolean,
): `truncated-${What}-header` | `bad-${What}-header` {
  return truncated ? `truncated-${what}-header` : `bad-${what}-header`;
}
