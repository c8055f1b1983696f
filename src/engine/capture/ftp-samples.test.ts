import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CapturePacket } from './capture-packet';
import { readCapture } from './read-capture';

/**
 * The real FTP captures (public/samples/README.md says how they were made): the control
 * connection, the command that announced the data connection, and the data connection itself
 * — opened by the client in passive mode, by the server from port 20 in active mode — carrying
 * the whole 102,400-byte file.
 */
const read = (name: string) =>
  readCapture(
    new Uint8Array(readFileSync(new URL(`../../../public/samples/${name}`, import.meta.url))),
  ).packets;

const SYN = 0x02;
const ACK = 0x10;
const isSyn = (p: CapturePacket) => p.tcp !== null && (p.tcp.flags & (SYN | ACK)) === SYN;
const text = (p: CapturePacket) => new TextDecoder().decode(p.payload);

function commands(packets: readonly CapturePacket[]): string[] {
  return packets.filter((p) => p.dstPort === 21 && p.payloadBytes > 0).map((p) => text(p).trim());
}

/** Payload bytes carried on the connection between these two ends (either direction). */
function bytesBetween(packets: readonly CapturePacket[], a: string, b: string): number {
  const key = (p: CapturePacket) => `${p.src}:${p.srcPort}`;
  return packets
    .filter((p) => p.protocol === 'tcp' && key(p) === a && `${p.dst}:${p.dstPort}` === b)
    .reduce((n, p) => n + p.payloadBytes, 0);
}

const CASES = [
  { file: 'ftp-passive.pcap', command: 'EPSV', data: ['192.0.2.10:40022', '198.51.100.20:50000'] },
  {
    file: 'ftp-pasv-ftplib.pcap',
    command: 'PASV',
    data: ['192.0.2.10:40052', '198.51.100.20:50000'],
  },
  {
    file: 'ftp-active.pcapng',
    command: 'EPRT |1|192.0.2.10|40040|',
    data: ['198.51.100.20:20', '192.0.2.10:40040'],
  },
  {
    file: 'ftp-port-ftplib.pcapng',
    command: 'PORT 192,0,2,10,156,126',
    data: ['198.51.100.20:20', '192.0.2.10:40062'],
  },
] as const;

describe('real FTP captures', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.command.split(' ')[0]} announces the data connection that carries the file`, () => {
      const packets = read(c.file);
      const said = commands(packets);
      expect(said.slice(0, 1)).toEqual(['USER anonymous']);
      expect(said).toContain(c.command);
      expect(said).toContain('RETR file.bin');
      const syns = packets
        .filter(isSyn)
        .map((p) => [`${p.src}:${p.srcPort}`, `${p.dst}:${p.dstPort}`]);
      expect(syns[0][1]).toBe('198.51.100.20:21');
      expect(syns).toContainEqual([...c.data]);
      // The data flows server → client whoever opened the connection.
      const [from, to] = c.data[0].startsWith('198.51.100.20') ? c.data : [c.data[1], c.data[0]];
      expect(bytesBetween(packets, from, to)).toBe(102_400);
    });
  }
});
