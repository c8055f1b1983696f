import type { PacketSummary } from '../../engine';
import { icmpTypeName, tcpFlagNames } from './packet-text';

export interface Field {
  readonly label: string;
  readonly value: string;
}

/** One protocol layer of a packet, like a line of Wireshark's details pane and its fields. */
export interface Layer {
  readonly id: 'ipv4' | 'tcp' | 'udp' | 'icmp';
  readonly title: string;
  readonly fields: readonly Field[];
}

const UDP_HEADER_BYTES = 8;
const PROTOCOL_NUMBERS = { tcp: 6, udp: 17, icmp: 1 } as const;
const FLAG_BITS: Readonly<Record<string, number>> = {
  F: 0x01,
  S: 0x02,
  R: 0x04,
  P: 0x08,
  '.': 0x10,
};

export function packetLayers(p: PacketSummary): Layer[] {
  const transport = transportLayer(p);
  return transport === null ? [ipv4Layer(p)] : [ipv4Layer(p), transport];
}

function ipv4Layer(p: PacketSummary): Layer {
  const protocol =
    p.proto === 'other' ? 'other' : `${p.proto.toUpperCase()} (${PROTOCOL_NUMBERS[p.proto]})`;
  return {
    id: 'ipv4',
    title: `Internet Protocol version 4, ${p.src} → ${p.dst}`,
    fields: [
      { label: 'Source', value: p.src },
      { label: 'Destination', value: p.dst },
      { label: 'Time to live', value: String(p.ttl) },
      { label: 'Identification', value: `${hex(p.ipId, 4)} (${p.ipId})` },
      { label: 'Total length', value: `${p.bytes} B` },
      { label: 'Protocol', value: protocol },
    ],
  };
}

function transportLayer(p: PacketSummary): Layer | null {
  switch (p.proto) {
    case 'tcp':
      return tcpLayer(p);
    case 'udp':
      return {
        id: 'udp',
        title: `User Datagram Protocol, ports ${p.sport} → ${p.dport}`,
        fields: [
          { label: 'Source port', value: String(p.sport) },
          { label: 'Destination port', value: String(p.dport) },
          { label: 'Length', value: `${p.len + UDP_HEADER_BYTES} B (payload ${p.len} B)` },
        ],
      };
    case 'icmp':
      return {
        id: 'icmp',
        title: `Internet Control Message Protocol, ${icmpTypeName(p.icmpType)}`,
        fields: [
          { label: 'Type', value: `${p.icmpType ?? '?'} (${icmpTypeName(p.icmpType)})` },
          { label: 'Code', value: String(p.icmpCode ?? '?') },
          { label: 'Identifier', value: String(p.sport) },
          { label: 'Sequence number', value: String(p.dport) },
        ],
      };
    default:
      return null;
  }
}

function tcpLayer(p: PacketSummary): Layer {
  const names = tcpFlagNames(p.flags);
  const bits = [...p.flags].reduce((sum, letter) => sum | (FLAG_BITS[letter] ?? 0), 0);
  const flags = `${hex(bits, 3)} (${names.join(', ') || 'none'})`;
  return {
    id: 'tcp',
    title: `Transmission Control Protocol, ports ${p.sport} → ${p.dport}, ${names.join(', ') || 'no flags'}`,
    fields: [
      { label: 'Source port', value: String(p.sport) },
      { label: 'Destination port', value: String(p.dport) },
      { label: 'Sequence number', value: String(p.seq) },
      {
        label: 'Acknowledgment number',
        value: names.includes('ACK') ? String(p.ack) : `${p.ack} (no ACK flag)`,
      },
      { label: 'Flags', value: flags },
      { label: 'Window', value: String(p.window) },
      { label: 'Payload length', value: `${p.len} B` },
    ],
  };
}

function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

/** A block of application text: the protocol's own lines, or an SDP body. */
export interface TextBlock {
  readonly title: string;
  readonly lines: readonly string[];
}

export interface ApplicationText {
  readonly blocks: readonly TextBlock[];
  /** The summary carries only the start of a long payload. */
  readonly truncated: boolean;
}

const TEXT_PROTOCOLS: Readonly<Record<number, string>> = { 21: 'FTP', 5060: 'SIP' };

/** The payload's text when it is text, split into lines (a SIP message's SDP body apart). */
export function applicationText(p: PacketSummary): ApplicationText | null {
  if (p.text === null) return null;
  const protocol = TEXT_PROTOCOLS[p.sport] ?? TEXT_PROTOCOLS[p.dport] ?? 'Text';
  const lines = p.text.split(/\r?\n/);
  if (p.text.endsWith('\n')) lines.pop();
  const blank = lines.indexOf('');
  const body = blank < 0 ? [] : lines.slice(blank + 1);
  const blocks: TextBlock[] = [
    { title: protocol, lines: blank < 0 ? lines : lines.slice(0, blank) },
  ];
  if (body.length > 0) blocks.push({ title: protocol === 'SIP' ? 'SDP' : 'Body', lines: body });
  return { blocks, truncated: p.text.length < p.len };
}
