import { formatIpv4, parseIpv4 } from '../net/ipv4';

/** An address and port announced on an FTP control connection. */
export interface HostPort {
  readonly address: number;
  readonly port: number;
}

/** "h1,h2,h3,h4,p1,p2" as used by PORT and the 227 reply (RFC 959). */
export function formatHostPort({ address, port }: HostPort): string {
  return `${formatIpv4(address).replaceAll('.', ',')},${port >>> 8},${port & 255}`;
}

/** Parses "h1,h2,h3,h4,p1,p2"; null when malformed. */
export function parseHostPort(text: string): HostPort | null {
  const m = /^\s*(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})\s*$/.exec(text);
  if (!m) return null;
  const n = m.slice(1).map(Number);
  if (n.some((x) => x > 255)) return null;
  const port = n[4] * 256 + n[5];
  return { address: ((n[0] << 24) | (n[1] << 16) | (n[2] << 8) | n[3]) >>> 0, port };
}

export function pasvReply(hp: HostPort): string {
  return `227 Entering Passive Mode (${formatHostPort(hp)}).`;
}

/** The address and port in a 227 reply; the numbers may appear with or without parentheses. */
export function parsePasvReply(line: string): HostPort | null {
  if (!line.startsWith('227')) return null;
  const m = /(\d{1,3},\d{1,3},\d{1,3},\d{1,3},\d{1,3},\d{1,3})/.exec(line.slice(3));
  return m ? parseHostPort(m[1]) : null;
}

export function epsvReply(port: number): string {
  return `229 Entering Extended Passive Mode (|||${port}|)`;
}

/** The port in a 229 reply (RFC 2428: "(<d><d><d>port<d>)" with any delimiter d). */
export function parseEpsvReply(line: string): number | null {
  if (!line.startsWith('229')) return null;
  const m = /\((.)\1\1(\d{1,5})\1\)/.exec(line);
  if (!m) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65_535 ? port : null;
}

export function eprtArgument({ address, port }: HostPort): string {
  return `|1|${formatIpv4(address)}|${port}|`;
}

/** Parses an EPRT argument "|1|a.b.c.d|port|"; IPv6 (|2|...) is not used by our hosts. */
export function parseEprtArgument(text: string): HostPort | null {
  const m = /^(.)1\1([0-9.]+)\1(\d{1,5})\1$/.exec(text.trim());
  if (!m) return null;
  try {
    const port = Number(m[3]);
    return port >= 1 && port <= 65_535 ? { address: parseIpv4(m[2]), port } : null;
  } catch {
    return null;
  }
}

/** Splits "VERB args" into the upper-cased verb and the argument text. */
export function splitCommand(line: string): { verb: string; argument: string } {
  const space = line.indexOf(' ');
  if (space < 0) return { verb: line.toUpperCase(), argument: '' };
  return { verb: line.slice(0, space).toUpperCase(), argument: line.slice(space + 1) };
}

/** A reply line's code and whether it is the last line of the reply ("123 " vs "123-"). */
export function replyCode(line: string): { code: number; final: boolean } | null {
  const m = /^(\d{3})([ -]|$)/.exec(line);
  return m ? { code: Number(m[1]), final: m[2] !== '-' } : null;
}
