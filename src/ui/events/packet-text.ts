import type { PacketSummary } from '../../engine';

/** tcpdump's flag letters (as in PacketSummary.flags) and the names people read. */
const FLAG_NAMES: Readonly<Record<string, string>> = {
  S: 'SYN',
  F: 'FIN',
  R: 'RST',
  P: 'PSH',
  '.': 'ACK',
};

/** "S." → ["SYN", "ACK"]; the summary's "none" → []. */
export function tcpFlagNames(flags: string): string[] {
  return [...flags].flatMap((letter) => FLAG_NAMES[letter] ?? []);
}

const ICMP_TYPES: Readonly<Record<number, string>> = {
  0: 'echo reply',
  3: 'destination unreachable',
  8: 'echo request',
  11: 'time exceeded',
};

export function icmpTypeName(type: number | null): string {
  return type === null ? 'ICMP' : (ICMP_TYPES[type] ?? `type ${type}`);
}

/** "192.0.2.10:50047 → 198.51.100.20:21" ("… id 7" for ICMP, which has no ports). */
export function packetEnds(p: PacketSummary): string {
  if (p.proto === 'icmp') return `${p.src} → ${p.dst} id ${p.sport} seq ${p.dport}`;
  if (p.proto === 'other') return `${p.src} → ${p.dst}`;
  return `${p.src}:${p.sport} → ${p.dst}:${p.dport}`;
}

/**
 * One line per packet, like a packet list's Info column: "SYN 192.0.2.10:50047 →
 * 198.51.100.20:21", "PSH-ACK 198.51.100.20:21 → 192.0.2.10:50047, 39 B", "UDP … 1316 B".
 */
export function packetBrief(p: PacketSummary): string {
  const payload = p.len > 0 ? `, ${p.len} B` : '';
  switch (p.proto) {
    case 'tcp':
      return `${tcpFlagNames(p.flags).join('-') || 'TCP'} ${packetEnds(p)}${payload}`;
    case 'udp':
      return `UDP ${packetEnds(p)}${payload}`;
    case 'icmp':
      return `ICMP ${icmpTypeName(p.icmpType)} ${packetEnds(p)}`;
    default:
      return `IP ${packetEnds(p)}, ${p.bytes} B`;
  }
}
