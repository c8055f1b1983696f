import { InputError } from '../../errors';
import { parseIpv4, parsePrefix } from '../../net/ipv4';
import type { Cursor } from './cursor';
import { RulesetError, notSupported } from './errors';
import type { Token } from './lexer';
import { CtStateBit } from './ruleset-types';

/**
 * The values a match compares against — sets in braces, addresses, port numbers and service
 * names, protocol names, conntrack states — each turned into numbers where it is written, so
 * a bad one is reported at its own token.
 */

/** Reads `VALUE` or `{ VALUE, VALUE, ... }` (newlines allowed inside the braces, as in nft). */
export function parseSet<T>(cur: Cursor, element: (token: Token) => T, what: string): T[] {
  const first = cur.peek();
  refuseReferences(cur, first);
  if (!cur.isPunct('{')) {
    if (first.kind === 'punct' || first.kind === 'newline' || first.kind === 'eof') {
      cur.fail(first, what);
    }
    return [element(cur.next())];
  }
  cur.next();
  const values: T[] = [];
  for (;;) {
    cur.skipNewlines();
    const t = cur.peek();
    if (cur.isPunct('}') && values.length > 0) break;
    refuseReferences(cur, t);
    if (t.kind !== 'word' && t.kind !== 'string') cur.fail(t, what);
    values.push(element(cur.next()));
    cur.skipNewlines();
    if (cur.isPunct(',')) cur.next();
    else if (!cur.isPunct('}')) cur.fail(cur.peek(), "',' or '}'");
  }
  cur.next();
  return values;
}

function refuseReferences(cur: Cursor, t: Token): void {
  if (cur.isWord('vmap') || cur.isWord('map')) {
    cur.fail(t, 'a value', notSupported(`a ${t.raw === 'vmap' ? 'verdict ' : ''}map ('${t.raw}')`));
  }
  if (cur.isPunct('@')) {
    cur.fail(
      t,
      'a value',
      notSupported('a named set (@name)', 'write the elements inline: { a, b }'),
    );
  }
  if (cur.isPunct('$')) {
    cur.fail(t, 'a value', notSupported('a variable ($name)', 'write the value itself'));
  }
}

const ADDRESS = 'an IPv4 address, a prefix such as 192.0.2.0/24 or a range such as a.b.c.d-e.f.g.h';

/** An address, prefix or range as one closed interval [lo, hi]. */
export function parseAddress(cur: Cursor, token: Token): [number, number] {
  const text = token.value;
  if (token.kind !== 'word') cur.fail(token, ADDRESS);
  if (/^[0-9a-fA-F:]*:[0-9a-fA-F:]*(\/\d+)?$/.test(text)) {
    cur.fail(token, ADDRESS, `${text} is an IPv6 address; this simulator routes IPv4 only`);
  }
  try {
    const dash = text.indexOf('-');
    if (dash >= 0) {
      const lo = parseIpv4(text.slice(0, dash));
      const hi = parseIpv4(text.slice(dash + 1));
      if (lo > hi) {
        cur.fail(
          token,
          ADDRESS,
          `'${text}' is not an address range: its first address is above its last`,
        );
      }
      return [lo, hi];
    }
    const prefix = parsePrefix(text);
    return [prefix.network, prefix.network + (~prefix.mask >>> 0)];
  } catch (error) {
    if (!(error instanceof InputError) || error instanceof RulesetError) throw error;
    return cur.fail(token, ADDRESS, error.message);
  }
}

/** Service names as `nft -S` / /etc/services print them (only the common ones). */
export const SERVICES: Readonly<Record<string, number>> = {
  'ftp-data': 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  http: 80,
  pop3: 110,
  ntp: 123,
  imap2: 143,
  imap: 143,
  snmp: 161,
  https: 443,
  submission: 587,
  imaps: 993,
  pop3s: 995,
  sip: 5060,
  'sip-tls': 5061,
};

const PORT =
  'a port number (0-65535), a range such as 1024-65535 or a service name (ftp-data, ftp, ssh, ' +
  'telnet, smtp, domain, http, https, sip, ...)';

/** A port, service name or range `lo-hi` as one closed interval. */
export function parsePort(cur: Cursor, token: Token): [number, number] {
  if (token.kind !== 'word') cur.fail(token, PORT);
  const text = token.value;
  const single = portAtom(cur, token, text, 0);
  if (single >= 0) return [single, single];
  // A range; service names contain '-' too (ftp-data), so try every split point.
  for (let dash = text.indexOf('-', 1); dash > 0; dash = text.indexOf('-', dash + 1)) {
    const lo = portAtom(cur, token, text.slice(0, dash), 0);
    const hi = portAtom(cur, token, text.slice(dash + 1), dash + 1);
    if (lo >= 0 && hi >= 0) {
      if (lo > hi) {
        cur.fail(
          token,
          'a port range low-high with low <= high',
          `'${text}' is not a port range: ${lo} is above ${hi} (write ${hi}-${lo})`,
        );
      }
      return [lo, hi];
    }
  }
  return cur.fail(token, PORT);
}

/** A number or service name, or -1 when the text is neither; refuses numbers above 65535. */
function portAtom(cur: Cursor, token: Token, text: string, offset: number): number {
  if (Object.hasOwn(SERVICES, text)) return SERVICES[text];
  if (!/^(0|[1-9]\d*)$/.test(text)) return -1;
  const n = Number(text);
  if (n > 65535) {
    cur.failAt(
      token,
      offset,
      'a port number from 0 to 65535',
      `'${text}'`,
      `port ${text} is out of range: expected a port number from 0 to 65535`,
    );
  }
  return n;
}

export const PROTOCOLS: Readonly<Record<string, number>> = {
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  dccp: 33,
  gre: 47,
  esp: 50,
  ah: 51,
  sctp: 132,
  udplite: 136,
};

const PROTOCOL = "a protocol name ('tcp', 'udp', 'icmp', ...) or number (0-255)";

export function parseProtocol(cur: Cursor, token: Token): number {
  if (token.kind === 'word') {
    if (Object.hasOwn(PROTOCOLS, token.value)) return PROTOCOLS[token.value];
    if (/^(0|[1-9]\d{0,2})$/.test(token.value) && Number(token.value) <= 255) {
      return Number(token.value);
    }
  }
  return cur.fail(token, PROTOCOL);
}

const STATE = "a conntrack state ('new', 'established', 'related', 'invalid' or 'untracked')";

export function parseCtState(cur: Cursor, token: Token): number {
  if (token.kind === 'word' && Object.hasOwn(CtStateBit, token.value)) {
    return CtStateBit[token.value as keyof typeof CtStateBit];
  }
  return cur.fail(token, STATE);
}

/** `ct state` also takes nft's flag list without braces: `established,related`. */
export function parseCtStates(cur: Cursor): number {
  let mask = 0;
  if (cur.isPunct('{')) {
    for (const bit of parseSet(cur, (t) => parseCtState(cur, t), STATE)) mask |= bit;
    return mask;
  }
  for (;;) {
    refuseReferences(cur, cur.peek());
    mask |= parseCtState(cur, cur.next());
    if (!cur.isPunct(',')) return mask;
    cur.next();
  }
}
