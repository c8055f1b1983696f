/**
 * Test helper (not part of the API): frames built byte by byte, network order, so tests state
 * every header field they rely on.
 */
import { parseIpv4 } from '../../net/ipv4';
import { Bytes, concat } from './test-bytes';

export interface Ipv4Options {
  src?: string;
  dst?: string;
  protocol: number;
  payload: Uint8Array;
  ttl?: number;
  id?: number;
  fragmentOffsetBytes?: number;
  moreFragments?: boolean;
  /** IP options, padded to 32 bits by the caller. */
  options?: number[];
  /** Overrides the total length field (default: the real length). */
  totalLength?: number;
  /** Overrides the first byte (version and IHL). */
  versionIhl?: number;
}

export function ipv4(o: Ipv4Options): Uint8Array {
  const options = o.options ?? [];
  const headerBytes = 20 + options.length;
  const flags = ((o.moreFragments ? 0x2000 : 0) | ((o.fragmentOffsetBytes ?? 0) / 8)) >>> 0;
  return new Bytes()
    .u8(o.versionIhl ?? 0x40 | (headerBytes / 4))
    .u8(0)
    .u16(o.totalLength ?? headerBytes + o.payload.length)
    .u16(o.id ?? 0x1234)
    .u16(flags)
    .u8(o.ttl ?? 64)
    .u8(o.protocol)
    .u16(0) // checksum: never verified
    .u32(parseIpv4(o.src ?? '192.0.2.1'))
    .u32(parseIpv4(o.dst ?? '198.51.100.2'))
    .bytes(options)
    .bytes(o.payload)
    .finish();
}

/** The 16 bytes of an IPv6 address written with at most one "::". */
export function ipv6Address(address: string): number[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = tail === null ? [] : groups(tail);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

export interface Ipv6Extension {
  type: number;
  /** The header's bytes after next-header and length: 6 + 8n bytes (AH: 2 + 4n). */
  body: number[];
}

export function ipv6(o: {
  src?: string;
  dst?: string;
  nextHeader: number;
  payload: Uint8Array;
  hopLimit?: number;
  extensions?: Ipv6Extension[];
  payloadLength?: number;
}): Uint8Array {
  const extensions = o.extensions ?? [];
  const chain = new Bytes();
  extensions.forEach((ext, i) => {
    const next = i + 1 < extensions.length ? extensions[i + 1].type : o.nextHeader;
    const total = ext.body.length + 2;
    const units = ext.type === 51 ? total / 4 - 2 : ext.type === 44 ? 0 : total / 8 - 1;
    chain.u8(next).u8(units).bytes(ext.body);
  });
  const payload = concat(chain.finish(), o.payload);
  return new Bytes()
    .u32(0x6000_0000)
    .u16(o.payloadLength ?? payload.length)
    .u8(extensions.length > 0 ? extensions[0].type : o.nextHeader)
    .u8(o.hopLimit ?? 64)
    .bytes(ipv6Address(o.src ?? '2001:db8::1'))
    .bytes(ipv6Address(o.dst ?? '2001:db8::2'))
    .bytes(payload)
    .finish();
}

export function tcp(o: {
  srcPort?: number;
  dstPort?: number;
  seq?: number;
  ack?: number;
  flags?: number;
  window?: number;
  options?: number[];
  payload?: Uint8Array;
  dataOffsetWords?: number;
}): Uint8Array {
  const options = o.options ?? [];
  return new Bytes()
    .u16(o.srcPort ?? 40000)
    .u16(o.dstPort ?? 21)
    .u32(o.seq ?? 1000)
    .u32(o.ack ?? 0)
    .u8((o.dataOffsetWords ?? 5 + options.length / 4) << 4)
    .u8(o.flags ?? 0x02)
    .u16(o.window ?? 65535)
    .u16(0)
    .u16(0)
    .bytes(options)
    .bytes(o.payload ?? new Uint8Array(0))
    .finish();
}

export function udp(o: {
  srcPort?: number;
  dstPort?: number;
  payload?: Uint8Array;
  length?: number;
}): Uint8Array {
  const payload = o.payload ?? new Uint8Array(0);
  return new Bytes()
    .u16(o.srcPort ?? 5000)
    .u16(o.dstPort ?? 53)
    .u16(o.length ?? 8 + payload.length)
    .u16(0)
    .bytes(payload)
    .finish();
}

/** An ICMP or ICMPv6 message: type, code, checksum, then 4 bytes (echo: id and sequence). */
export function icmp(o: {
  type: number;
  code?: number;
  id?: number;
  seq?: number;
  payload?: Uint8Array;
}): Uint8Array {
  return new Bytes()
    .u8(o.type)
    .u8(o.code ?? 0)
    .u16(0)
    .u16(o.id ?? 0)
    .u16(o.seq ?? 0)
    .bytes(o.payload ?? new Uint8Array(0))
    .finish();
}

export const MAC_A = [0x02, 0, 0, 0, 0, 0x0a];
export const MAC_B = [0x02, 0, 0, 0, 0, 0x0b];

/** An Ethernet II frame; `vlans` are [tag protocol id, VLAN id] pairs, outermost first. */
export function ethernet(
  etherType: number,
  payload: Uint8Array,
  vlans: [number, number][] = [],
): Uint8Array {
  const out = new Bytes().bytes(MAC_B).bytes(MAC_A);
  for (const [tpid, id] of vlans) out.u16(tpid).u16(id);
  return out.u16(etherType).bytes(payload).finish();
}

/** Linux cooked capture v1 (16-byte header). */
export function sll(protocol: number, payload: Uint8Array, arphrd = 1): Uint8Array {
  return new Bytes()
    .u16(0) // packet type: to us
    .u16(arphrd)
    .u16(6)
    .bytes([...MAC_A, 0, 0])
    .u16(protocol)
    .bytes(payload)
    .finish();
}

/** Linux cooked capture v2 (20-byte header). */
export function sll2(protocol: number, payload: Uint8Array, arphrd = 1): Uint8Array {
  return new Bytes()
    .u16(protocol)
    .u16(0)
    .u32(3) // interface index
    .u16(arphrd)
    .u8(4) // packet type: outgoing
    .u8(6)
    .bytes([...MAC_A, 0, 0])
    .bytes(payload)
    .finish();
}

/** An ARP request, as Ethernet carries it. */
export function arp(): Uint8Array {
  return new Bytes()
    .u16(1)
    .u16(0x0800)
    .u8(6)
    .u8(4)
    .u16(1)
    .bytes(MAC_A)
    .u32(parseIpv4('192.0.2.1'))
    .bytes([0, 0, 0, 0, 0, 0])
    .u32(parseIpv4('192.0.2.2'))
    .finish();
}

/** An Ethernet frame with IPv4 and TCP: the most common record. */
export function tcpFrame(
  o: Parameters<typeof tcp>[0] = {},
  ip: Partial<Ipv4Options> = {},
): Uint8Array {
  return ethernet(0x0800, ipv4({ protocol: 6, payload: tcp(o), ...ip }));
}
