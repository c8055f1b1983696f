import type { Cursor } from './cursor';
import { notSupported, oneOf } from './errors';
import type { Token } from './lexer';
import type { RejectWith } from './ruleset-types';

/**
 * The statements of the subset that take arguments: `counter [packets N bytes N]`,
 * `log [prefix "text"] [level L]` and `reject [with tcp reset | with icmpx|icmp [type] CODE]`.
 * Each reads its own keyword and arguments; the rule parser decides where they may appear.
 */

/** `counter`, or `counter packets N bytes N` as `nft list ruleset` prints it. */
export function parseCounter(cur: Cursor): void {
  cur.expectWord('counter');
  if (cur.isWord('name')) {
    cur.fail(cur.peek(), "'packets' or the next statement", notSupported('a named counter'));
  }
  if (!cur.isWord('packets')) return;
  // The numbers are the kernel's totals when the ruleset was listed; the simulation starts
  // its own counts from zero, so they are checked for form and not used.
  cur.next();
  expectCount(cur);
  cur.expectWord('bytes');
  expectCount(cur);
}

function expectCount(cur: Cursor): void {
  const t = cur.peek();
  if (t.kind !== 'word' || !/^\d+$/.test(t.raw)) cur.fail(t, 'a number');
  cur.next();
}

const LOG_LEVELS = 'emerg alert crit err warn notice info debug audit'.split(' ');
const LOG_OPTIONS_UNSUPPORTED = ['group', 'snaplen', 'queue-threshold', 'flags'];
/** The kernel's NF_LOG_PREFIXLEN is 128 bytes including the terminating NUL. */
const MAX_PREFIX = 127;

/** Returns the prefix ('' when none). */
export function parseLog(cur: Cursor): string {
  cur.expectWord('log');
  let prefix = '';
  for (;;) {
    const t = cur.peek();
    if (cur.isWord('prefix')) {
      cur.next();
      const value = cur.peek();
      if (value.kind !== 'string') cur.fail(value, 'a quoted prefix such as "fw drop: "');
      if (value.value.length > MAX_PREFIX) {
        cur.fail(value, `a prefix of at most ${MAX_PREFIX} characters`);
      }
      prefix = cur.next().value;
    } else if (cur.isWord('level')) {
      cur.next();
      const level = cur.peek();
      if (level.kind !== 'word' || !LOG_LEVELS.includes(level.raw)) {
        cur.fail(level, `a log level (${oneOf(LOG_LEVELS)})`);
      }
      cur.next();
    } else if (t.kind === 'word' && LOG_OPTIONS_UNSUPPORTED.includes(t.raw)) {
      cur.fail(
        t,
        "'prefix', 'level' or the next statement",
        notSupported(`'log ${t.raw}'`, 'supported log options: prefix, level'),
      );
    } else {
      return prefix;
    }
  }
}

const ICMP_CODES: Readonly<Record<string, RejectWith>> = {
  'port-unreachable': 'port-unreachable',
  'host-unreachable': 'host-unreachable',
  'admin-prohibited': 'admin-prohibited',
  // Numeric ICMP destination-unreachable codes, which nft also accepts for `icmp`.
  '1': 'host-unreachable',
  '3': 'port-unreachable',
  '13': 'admin-prohibited',
};
const CODE_NAMES = ['port-unreachable', 'host-unreachable', 'admin-prohibited'];
const OTHER_CODES =
  'net-unreachable prot-unreachable net-prohibited host-prohibited frag-needed no-route'.split(' ');

/** `reject` and its reason; the default (ICMP port unreachable) is nft's. */
export function parseReject(cur: Cursor): { rejectWith: RejectWith; tcpReset: Token | null } {
  cur.expectWord('reject');
  if (!cur.isWord('with')) return { rejectWith: 'port-unreachable', tcpReset: null };
  cur.next();
  const kind = cur.peek();
  if (cur.isWord('tcp')) {
    cur.next();
    cur.expectWord('reset');
    return { rejectWith: 'tcp-reset', tcpReset: kind };
  }
  if (cur.isWord('icmpv6')) {
    cur.fail(
      kind,
      "'tcp reset', 'icmpx' or 'icmp'",
      notSupported("'reject with icmpv6'", 'this simulator routes IPv4 only; use icmpx or icmp'),
    );
  }
  if (!cur.isWord('icmpx') && !cur.isWord('icmp')) {
    cur.fail(kind, "'tcp reset', 'icmpx' or 'icmp'");
  }
  cur.next();
  // Older nft prints `icmpx type port-unreachable`, newer `icmpx port-unreachable`.
  if (cur.isWord('type')) cur.next();
  const code = cur.peek();
  const known = code.kind === 'word' && Object.hasOwn(ICMP_CODES, code.raw);
  if (!known) {
    const expected = `an ICMP reason (${oneOf(CODE_NAMES)})`;
    if (code.kind === 'word' && OTHER_CODES.includes(code.raw)) {
      cur.fail(
        code,
        expected,
        notSupported(`the reject reason '${code.raw}'`, `supported: ${CODE_NAMES.join(', ')}`),
      );
    }
    cur.fail(code, expected);
  }
  cur.next();
  return { rejectWith: ICMP_CODES[code.raw], tcpReset: null };
}
