import type { MatchAst } from './ast';
import type { Cursor } from './cursor';
import { notSupported, oneOf } from './errors';
import type { Token } from './lexer';
import { mergeIntervals } from './intervals';
import { parseAddress, parseCtStates, parsePort, parseProtocol, parseSet } from './values';

/**
 * The matches of the subset: `ct state`, `ip saddr|daddr|protocol`, `tcp|udp sport|dport`,
 * `meta l4proto`, and the interface names (`iifname`, `oifname`, their `meta` forms and
 * `iif`/`oif`, which name the same fixed router ports). Known nft selectors outside the subset
 * are refused by name, so a user learns it is this simulator's limit rather than a typo.
 */

export interface MatchScope {
  /** The router's port names; the index is the port number. */
  readonly portNames: readonly string[];
}

const words = (list: string): readonly string[] => list.split(' ');

/** Selector keys nft knows but this subset does not, per leading keyword. */
const KNOWN_UNSUPPORTED: Readonly<Record<string, readonly string[]>> = {
  ct: words(
    'status mark direction expiration zone label count l3proto protocol proto-src ' +
      'proto-dst original reply bytes packets avgpkt id event timeout expectation ' +
      'saddr daddr secmark',
  ),
  ip: words('version hdrlength dscp ecn length id frag-off ttl checksum option'),
  tcp: words('flags option sequence ackseq doff reserved window checksum urgptr'),
  udp: words('length checksum'),
  meta: words(
    'mark length nfproto protocol priority skuid skgid rtclassid ibrname obrname ' +
      'pkttype cpu iifgroup oifgroup cgroup random ipsec iiftype oiftype time day hour ' +
      'secmark nftrace broute sdif sdifname iifkind oifkind',
  ),
};

const SUPPORTED_KEYS: Readonly<Record<string, readonly string[]>> = {
  ct: ['state', 'helper set'],
  ip: ['saddr', 'daddr', 'protocol'],
  tcp: ['sport', 'dport'],
  udp: ['sport', 'dport'],
  meta: ['l4proto', 'iifname', 'oifname', 'iif', 'oif'],
};

/** Words that start a match. */
export const MATCH_WORDS: ReadonlySet<string> = new Set(
  words('ct ip tcp udp meta iifname oifname iif oif'),
);

/** Reads one match; the cursor is on its first word, which is in MATCH_WORDS. */
export function parseMatch(cur: Cursor, scope: MatchScope): MatchAst {
  const head = cur.next();
  if (head.raw === 'iifname' || head.raw === 'iif') return parseInterface(cur, scope, 'in');
  if (head.raw === 'oifname' || head.raw === 'oif') return parseInterface(cur, scope, 'out');
  const key = cur.peek();
  const keyOf = (...keys: string[]) => {
    if (key.kind === 'word' && keys.includes(key.raw)) return cur.next().raw;
    return refuseKey(cur, head, key);
  };
  switch (head.raw) {
    case 'ct': {
      keyOf('state');
      const negate = parseOperator(cur);
      return { kind: 'ct-state', negate, mask: parseCtStates(cur) };
    }
    case 'ip': {
      const field = keyOf('saddr', 'daddr', 'protocol');
      const negate = parseOperator(cur);
      if (field === 'protocol') return protocolMatch(cur, negate);
      const pairs = parseSet(cur, (t) => parseAddress(cur, t), 'an IPv4 address or prefix');
      return {
        kind: 'address',
        field: field as 'saddr' | 'daddr',
        negate,
        intervals: mergeIntervals(pairs.flat()),
      };
    }
    case 'tcp':
    case 'udp': {
      const field = keyOf('sport', 'dport') as 'sport' | 'dport';
      const negate = parseOperator(cur);
      const pairs = parseSet(cur, (t) => parsePort(cur, t), 'a port, a range or a set { ... }');
      const protocol = head.raw === 'tcp' ? 6 : 17;
      return { kind: 'port', protocol, field, negate, intervals: mergeIntervals(pairs.flat()) };
    }
    default: {
      const field = keyOf(...SUPPORTED_KEYS.meta);
      if (field === 'l4proto') return protocolMatch(cur, parseOperator(cur));
      return parseInterface(cur, scope, field === 'iifname' || field === 'iif' ? 'in' : 'out');
    }
  }
}

function refuseKey(cur: Cursor, head: Token, key: Token): never {
  const supported = SUPPORTED_KEYS[head.raw];
  if (key.kind === 'word' && KNOWN_UNSUPPORTED[head.raw]?.includes(key.raw)) {
    cur.fail(
      key,
      oneOf(supported),
      notSupported(
        `'${head.raw} ${key.raw}'`,
        `supported after '${head.raw}': ${supported.join(', ')}`,
      ),
    );
  }
  if (head.raw === 'ct' && key.kind === 'word' && key.raw === 'helper') {
    cur.fail(
      key,
      oneOf(supported),
      notSupported(
        "'ct helper' as a match",
        '\'ct helper set "name"\' is supported as a statement',
      ),
    );
  }
  return cur.fail(key, oneOf(supported));
}

/** An optional `==`/`eq` or `!=`/`ne`; returns whether the match is negated. */
function parseOperator(cur: Cursor): boolean {
  const t = cur.peek();
  if (cur.isPunct('!=') || cur.isWord('ne')) {
    cur.next();
    return true;
  }
  if (cur.isPunct('==') || cur.isWord('eq')) {
    cur.next();
    return false;
  }
  if (t.kind === 'punct' && ['<', '>', '<=', '>='].includes(t.raw)) {
    cur.fail(
      t,
      "a value, '!=' or '=='",
      notSupported(`the comparison '${t.raw}'`, 'write a range such as 1024-65535 instead'),
    );
  }
  if (cur.isPunct('!')) {
    cur.fail(t, "a value, '!=' or '=='", "nft has no '!' operator: write '!=' to negate a match");
  }
  return false;
}

function protocolMatch(cur: Cursor, negate: boolean): MatchAst {
  const protocols = parseSet(cur, (t) => parseProtocol(cur, t), 'a protocol or a set { ... }');
  return { kind: 'protocol', negate, protocols };
}

function parseInterface(cur: Cursor, scope: MatchScope, direction: 'in' | 'out'): MatchAst {
  const negate = parseOperator(cur);
  const lists = parseSet(cur, (t) => resolvePort(cur, scope, t), 'an interface name');
  const ports = [...new Set(lists.flat())].sort((a, b) => a - b);
  return { kind: 'interface', direction, negate, ports };
}

/** A router port name (quoted or bare, `eth*` wildcards allowed) as the port indices it names. */
function resolvePort(cur: Cursor, scope: MatchScope, token: Token): number[] {
  const name = token.value;
  const list = scope.portNames.join(', ');
  if (name.endsWith('*')) {
    const stem = name.slice(0, -1);
    const ports = scope.portNames.flatMap((p, i) => (p.startsWith(stem) ? [i] : []));
    if (ports.length === 0) {
      cur.fail(token, 'a router port name', `no router port matches "${name}" (ports: ${list})`);
    }
    return ports;
  }
  const index = scope.portNames.indexOf(name);
  if (index >= 0) return [index];
  // Every Linux host has a loopback interface, and rulesets pasted from one name it (`iif "lo"
  // accept` in input chains); no forwarded packet ever crosses it, so it matches none.
  if (name === 'lo') return [];
  return cur.fail(token, 'a router port name', `no router port named "${name}" (ports: ${list})`);
}
