import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../net/ipv4';
import {
  eprtArgument,
  epsvReply,
  formatHostPort,
  parseEprtArgument,
  parseEpsvReply,
  parseHostPort,
  parsePasvReply,
  pasvReply,
  replyCode,
  splitCommand,
} from './ftp-text';

const hp = { address: parseIpv4('198.51.100.20'), port: 50_000 };

describe('FTP text', () => {
  it('formats and parses PORT / 227 host-port numbers', () => {
    expect(formatHostPort(hp)).toBe('198,51,100,20,195,80');
    expect(pasvReply(hp)).toBe('227 Entering Passive Mode (198,51,100,20,195,80).');
    expect(parsePasvReply(pasvReply(hp))).toEqual(hp);
    expect(parsePasvReply('227 =198,51,100,20,195,80')).toEqual(hp);
    expect(parseHostPort('198,51,100,20,195,80')).toEqual(hp);
    expect(parseHostPort('198,51,100,256,195,80')).toBeNull();
    expect(parseHostPort('1,2,3')).toBeNull();
  });

  it('round-trips any address and port', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1, max: 65_535 }),
        (a, p) => {
          expect(parseHostPort(formatHostPort({ address: a, port: p }))).toEqual({
            address: a,
            port: p,
          });
          expect(parseEprtArgument(eprtArgument({ address: a, port: p }))).toEqual({
            address: a,
            port: p,
          });
        },
      ),
    );
  });

  it('formats and parses EPSV / EPRT (RFC 2428)', () => {
    expect(epsvReply(50_000)).toBe('229 Entering Extended Passive Mode (|||50000|)');
    expect(parseEpsvReply(epsvReply(50_000))).toBe(50_000);
    expect(parseEpsvReply('229 Extended (!!!6446!)')).toBe(6446);
    expect(parseEpsvReply('229 Entering Extended Passive Mode (|||99999|)')).toBeNull();
    expect(eprtArgument(hp)).toBe('|1|198.51.100.20|50000|');
    expect(parseEprtArgument('|1|198.51.100.20|50000|')).toEqual(hp);
    expect(parseEprtArgument('|2|2001:db8::1|50000|')).toBeNull();
  });

  it('splits commands and reads reply codes', () => {
    expect(splitCommand('retr big.iso')).toEqual({ verb: 'RETR', argument: 'big.iso' });
    expect(splitCommand('PASV')).toEqual({ verb: 'PASV', argument: '' });
    expect(replyCode('230 Login successful.')).toEqual({ code: 230, final: true });
    expect(replyCode('211-Features:')).toEqual({ code: 211, final: false });
    expect(replyCode('hello')).toBeNull();
  });
});
