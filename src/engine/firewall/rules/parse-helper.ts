import type { HelperAst } from './ast';
import type { Cursor } from './cursor';
import { notSupported } from './errors';
import { describeToken, type Token } from './lexer';

/**
 * A `ct helper NAME { type "ftp" protocol tcp; l3proto inet; }` object, written as in a file
 * or as `nft list ruleset` prints it (one setting per line, no `;`). Only the helpers the
 * simulator has modules for are accepted: FTP over TCP, SIP over UDP or TCP.
 */

/** Conntrack helpers the kernel has and the simulator does not. */
const KERNEL_HELPERS = 'tftp irc h323 RAS Q.931 pptp snmp netbios-ns sane amanda'.split(' ');

const PROTOCOLS_OF: Readonly<Record<'ftp' | 'sip', readonly string[]>> = {
  ftp: ['tcp'],
  sip: ['udp', 'tcp'],
};

/** The cursor is on `ct` of `ct helper NAME {`. */
export function parseHelper(cur: Cursor): HelperAst {
  const open = cur.expectWord('ct');
  cur.expectWord('helper');
  const token = cur.expectName('a ct helper name');
  cur.expectPunct('{');
  let type: 'ftp' | 'sip' | null = null;
  let protocol: 'tcp' | 'udp' = 'tcp';
  for (;;) {
    cur.skipSeparators();
    const t = cur.peek();
    if (cur.isPunct('}')) {
      if (type === null) {
        cur.fail(
          t,
          `'type "ftp" protocol tcp'`,
          `ct helper ${token.value} needs a type and a protocol, such as 'type "ftp" protocol tcp'`,
        );
      }
      cur.next();
      return { name: token.value, token, type, protocol };
    }
    if (t.kind === 'eof') {
      cur.fail(t, `'}' to close ct helper ${token.value} (opened at ${open.line}:${open.column})`);
    }
    if (cur.isWord('type')) {
      cur.next();
      const typeToken = cur.expectName('a helper type ("ftp" or "sip")');
      type = helperType(cur, typeToken);
      cur.expectWord('protocol');
      protocol = helperProtocol(cur, type);
    } else if (cur.isWord('l3proto')) {
      cur.next();
      const family = cur.peek();
      if (cur.isWord('ip6')) {
        cur.fail(
          family,
          "'ip' or 'inet'",
          notSupported("'l3proto ip6'", 'this simulator routes IPv4 only; use ip or inet'),
        );
      }
      if (!cur.isWord('ip') && !cur.isWord('inet')) cur.fail(family, "'ip' or 'inet'");
      cur.next();
    } else if (cur.isWord('comment')) {
      cur.next();
      if (cur.peek().kind !== 'string') cur.fail(cur.peek(), 'a quoted comment');
      cur.next();
    } else {
      cur.fail(t, "'type', 'l3proto', 'comment' or '}'");
    }
    cur.endStatement();
  }
}

function helperType(cur: Cursor, token: Token): 'ftp' | 'sip' {
  if (token.value === 'ftp' || token.value === 'sip') return token.value;
  if (KERNEL_HELPERS.includes(token.value)) {
    cur.fail(
      token,
      `"ftp" or "sip"`,
      notSupported(`the helper type "${token.value}"`, 'supported helper types: "ftp", "sip"'),
    );
  }
  return cur.fail(token, `a helper type ("ftp" or "sip")`);
}

function helperProtocol(cur: Cursor, type: 'ftp' | 'sip'): 'tcp' | 'udp' {
  const t = cur.peek();
  const allowed = PROTOCOLS_OF[type];
  if (t.kind !== 'word' || !allowed.includes(t.raw)) {
    const list = allowed.map((p) => `'${p}'`).join(' or ');
    cur.fail(
      t,
      list,
      `expected ${list}, found ${describeToken(t)}: the ${type} helper works over ` +
        allowed.join(' or '),
    );
  }
  cur.next();
  return t.raw as 'tcp' | 'udp';
}
