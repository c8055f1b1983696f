import { parseIpv4 } from '../../net/ipv4';
import type { Packet } from '../../net/packet';
import { seqAdd, seqDiff, seqGt } from '../../net/tcp/seq';
import {
  parseEpsvReply,
  parseHostPort,
  parsePasvReply,
  splitCommand,
} from '../../protocols/ftp-text';

/** Longest control line the helper buffers; anything longer is skipped up to the next newline. */
export const FTP_MAX_LINE = 512;

/** The FTP module's data for one control connection. No connection identifier (see PartTable). */
export interface FtpPart {
  /** Next expected sequence number per direction; -1 before the first byte. */
  nextSeq: [number, number];
  /** The unfinished line per direction, so a command split across segments still parses. */
  line: [string, string];
  /** False after a gap in the stream: skip to the next line start before parsing again. */
  synced: [boolean, boolean];
  /** Data connections announced so far (expectations asked for). */
  announced: number;
}

/** A data connection announced on the control channel. */
export interface FtpAnnouncement {
  /** 0: client → server (PORT, EPRT); 1: server → client (227, 229). */
  readonly dir: 0 | 1;
  readonly command: 'PORT' | 'EPRT' | '227' | '229';
  /** Announced address; -1 when the line names none (229) or an IPv6 one (EPRT |2|). */
  readonly address: number;
  readonly port: number;
  readonly ipv6: boolean;
}

export function newFtpPart(): FtpPart {
  return { nextSeq: [-1, -1], line: ['', ''], synced: [true, true], announced: 0 };
}

/**
 * The FTP helper's parser (conntrack's nf_conntrack_ftp): follows the control connection's
 * byte stream in both directions and reports, at line starts, PORT and EPRT from the client
 * and 227 / 229 replies from the server. Unlike the kernel it keeps a partial line across
 * segments, so a command split over two segments still counts. A gap in the stream (a
 * segment not seen) makes it skip to the next line start rather than guess.
 */
export function ftpInspect(
  part: FtpPart,
  p: Packet,
  dir: 0 | 1,
  announce: (a: FtpAnnouncement) => void,
): void {
  const len = p.payloadLen;
  if (len === 0) return;
  let offset = 0;
  const next = part.nextSeq[dir];
  if (next >= 0) {
    const ahead = seqDiff(p.seq, next);
    if (ahead > 0) {
      part.synced[dir] = false; // bytes were missed
      part.line[dir] = '';
    } else if (ahead < 0) {
      offset = Math.min(-ahead, len); // a retransmission: only the new bytes count
    }
  }
  // Only ever move forward: an old retransmitted segment must not rewind the stream position.
  const end = seqAdd(p.seq, len);
  if (next < 0 || seqGt(end, next)) part.nextSeq[dir] = end;
  for (let i = offset; i < len; i++) {
    const c = p.payload[i];
    if (c === 0x0a) {
      if (part.synced[dir]) lineEnded(part.line[dir], dir, announce);
      part.line[dir] = '';
      part.synced[dir] = true;
    } else if (part.synced[dir]) {
      if (part.line[dir].length >= FTP_MAX_LINE) {
        part.synced[dir] = false;
        part.line[dir] = '';
      } else {
        part.line[dir] += String.fromCharCode(c);
      }
    }
  }
}

function lineEnded(raw: string, dir: 0 | 1, announce: (a: FtpAnnouncement) => void): void {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const found = dir === 0 ? clientCommand(line) : serverReply(line);
  if (found !== null) announce(found);
}

function clientCommand(line: string): FtpAnnouncement | null {
  const { verb, argument } = splitCommand(line);
  if (verb === 'PORT') {
    const hp = parseHostPort(argument);
    return hp && { dir: 0, command: 'PORT', address: hp.address, port: hp.port, ipv6: false };
  }
  if (verb === 'EPRT') return parseEprt(argument);
  return null;
}

function serverReply(line: string): FtpAnnouncement | null {
  if (line.startsWith('227')) {
    const hp = parsePasvReply(line);
    return hp && { dir: 1, command: '227', address: hp.address, port: hp.port, ipv6: false };
  }
  if (line.startsWith('229')) {
    const port = parseEpsvReply(line);
    return port === null ? null : { dir: 1, command: '229', address: -1, port, ipv6: false };
  }
  return null;
}

/** EPRT |1|a.b.c.d|port| or |2|v6-address|port| (RFC 2428), any delimiter. */
function parseEprt(argument: string): FtpAnnouncement | null {
  const m = /^(.)([12])\1([^\s]+?)\1(\d{1,5})\1$/.exec(argument.trim());
  if (!m) return null;
  const port = Number(m[4]);
  if (port < 1 || port > 65_535) return null;
  if (m[2] === '2') {
    return /^[0-9a-fA-F:.]+$/.test(m[3]) && m[3].includes(':')
      ? { dir: 0, command: 'EPRT', address: -1, port, ipv6: true }
      : null;
  }
  try {
    return { dir: 0, command: 'EPRT', address: parseIpv4(m[3]), port, ipv6: false };
  } catch {
    return null;
  }
}
