import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../net/ipv4';
import { Packet } from '../../net/packet';
import { ftpInspect, newFtpPart, type FtpAnnouncement } from './ftp-helper';

function segment(seq: number, text: string): Packet {
  const p = new Packet(0);
  p.seq = seq;
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  p.setPayload(bytes, 0, bytes.length);
  return p;
}

/** Feeds segments [seq, text] in one direction and returns what was announced. */
function feed(dir: 0 | 1, ...segments: Array<[number, string]>): FtpAnnouncement[] {
  const part = newFtpPart();
  const out: FtpAnnouncement[] = [];
  for (const [seq, text] of segments) ftpInspect(part, segment(seq, text), dir, (a) => out.push(a));
  return out;
}

const client = parseIpv4('192.0.2.10');
const server = parseIpv4('198.51.100.20');

describe('FTP helper parser', () => {
  it('finds PORT and EPRT in the client direction', () => {
    expect(feed(0, [100, 'USER anonymous\r\nPORT 192,0,2,10,195,80\r\n'])).toEqual([
      { dir: 0, command: 'PORT', address: client, port: 50_000, ipv6: false },
    ]);
    expect(feed(0, [1, 'eprt |1|192.0.2.10|40001|\r\n'])).toEqual([
      { dir: 0, command: 'EPRT', address: client, port: 40_001, ipv6: false },
    ]);
    expect(feed(0, [1, 'EPRT |2|2001:db8::10|40001|\r\n'])).toEqual([
      { dir: 0, command: 'EPRT', address: -1, port: 40_001, ipv6: true },
    ]);
  });

  it('finds 227 and 229 in the server direction only', () => {
    expect(feed(1, [7, '227 Entering Passive Mode (198,51,100,20,200,10).\r\n'])).toEqual([
      { dir: 1, command: '227', address: server, port: 51_210, ipv6: false },
    ]);
    expect(feed(1, [7, '229 Entering Extended Passive Mode (|||50123|)\r\n'])).toEqual([
      { dir: 1, command: '229', address: -1, port: 50_123, ipv6: false },
    ]);
    expect(feed(0, [7, '227 Entering Passive Mode (198,51,100,20,200,10).\r\n'])).toEqual([]);
    expect(feed(1, [7, 'PORT 192,0,2,10,195,80\r\n'])).toEqual([]);
  });

  it('parses a command split across segments, even a byte at a time', () => {
    expect(feed(0, [10, 'POR'], [13, 'T 192,0,2,10,1'], [27, '95,80\r'], [33, '\n'])).toHaveLength(
      1,
    );
    const text = 'PORT 192,0,2,10,195,80\r\n';
    const bytes = [...text].map((c, i) => [500 + i, c] as [number, string]);
    expect(feed(0, ...bytes)).toEqual([
      { dir: 0, command: 'PORT', address: client, port: 50_000, ipv6: false },
    ]);
  });

  it('counts a retransmitted segment once', () => {
    const out = feed(0, [1, 'PORT 192,0,2,10,195,80\r\n'], [1, 'PORT 192,0,2,10,195,80\r\n']);
    expect(out).toHaveLength(1);
  });

  it('is not rewound by an old segment arriving late', () => {
    // Line one arrives in two segments, the second first; then a reply announcing a port.
    const out = feed(
      1,
      [10, 'lo\r\n'],
      [7, 'Hel'],
      [14, '227 Entering Passive Mode (198,51,100,20,200,10).\r\n'],
    );
    expect(out.map((a) => a.port)).toEqual([51_210]);
    // A burst resent from its start (go-back-N) is not parsed twice.
    const twice = feed(
      1,
      [1, '227 Entering Passive Mode (198,51,100,20,200,10).\r\n'],
      [52, 'x\r\n'],
      [1, '227 Entering Passive Mode (198,51,100,20,200,10).\r\n'],
      [52, 'x\r\n'],
    );
    expect(twice).toHaveLength(1);
  });

  it('resynchronises at the next line after a gap instead of guessing', () => {
    // The middle of the first line was never seen; the second line is whole.
    const out = feed(0, [1, 'PORT 192,0,2'], [40, '195,80\r\nPORT 192,0,2,10,195,81\r\n']);
    expect(out.map((a) => a.port)).toEqual([50_001]);
  });

  it('only looks at line starts and ignores malformed announcements', () => {
    expect(feed(0, [1, 'NOOP PORT 192,0,2,10,195,80\r\n'])).toEqual([]);
    expect(feed(0, [1, 'PORT 192,0,2,10,999,80\r\nPORT nonsense\r\n'])).toEqual([]);
    expect(feed(1, [1, '229 Entering Extended Passive Mode (|||0|)\r\n'])).toEqual([]);
  });
});
