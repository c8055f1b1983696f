import { describe, expect, it } from 'vitest';
import { RulesetError } from './index';
import { load, refusal } from './test-support';

/** Every refusal names line, column, what was expected and what was found. */

const chain = (body: string) =>
  `table inet filter {\n\tchain forward {\n\t\ttype filter hook forward priority 0; policy drop;\n${body}\n\t}\n}\n`;

describe('refusals', () => {
  it('is a RulesetError, an InputError with the source name in the message', () => {
    let caught: unknown;
    try {
      load('ct state established accept\ntcp dport 21 acept');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RulesetError);
    expect((caught as RulesetError).message).toBe(
      "rules.nft:2:14: expected 'accept', 'drop', 'reject' or a match, found 'acept'",
    );
    expect(caught).toMatchObject({
      name: 'RulesetError',
      source: 'rules.nft',
      line: 2,
      column: 14,
      expected: "'accept', 'drop', 'reject' or a match",
      found: "'acept'",
    });
  });

  it.each([
    // [text, line, column, message fragment]
    ['tcp dprt 21 accept', 1, 5, "expected 'sport' or 'dport', found 'dprt'"],
    ['ip sadr 192.0.2.1 drop', 1, 4, "expected 'saddr', 'daddr' or 'protocol', found 'sadr'"],
    ['ct state establishd accept', 1, 10, "expected a conntrack state ('new', 'established'"],
    [
      'tcp dport 21 counter acept',
      1,
      22,
      "expected 'accept', 'drop', 'reject' or a statement, found 'acept'",
    ],
    ['tcp dport 80-20 accept', 1, 11, "'80-20' is not a port range: 80 is above 20"],
    ['udp dport 65536 accept', 1, 11, 'port 65536 is out of range'],
    ['udp dport 1024-70000 accept', 1, 16, 'port 70000 is out of range'],
    ['tcp dport { 21, 99999 } accept', 1, 17, 'port 99999 is out of range'],
    [
      'tcp dport htp accept',
      1,
      11,
      'expected a port number (0-65535), a range such as 1024-65535 or a service name',
    ],
    ['ip saddr 192.0.2.256 drop', 1, 10, '"192.0.2.256" is not an IPv4 address'],
    ['ip saddr 192.0.2 drop', 1, 10, 'expected four dot-separated numbers'],
    ['ip daddr 198.51.100.1/24 accept', 1, 10, 'has host bits set: did you mean 198.51.100.0/24?'],
    ['ip daddr 198.51.100.0/33 accept', 1, 10, 'length must be a number from 0 to 32'],
    ['ip saddr 192.0.2.9-192.0.2.1 drop', 1, 10, 'its first address is above its last'],
    ['ip saddr 2001:db8::1 drop', 1, 10, 'IPv6 address; this simulator routes IPv4 only'],
    ['ip protocol tpc accept', 1, 13, "expected a protocol name ('tcp', 'udp', 'icmp', ...)"],
    ['ip protocol 256 accept', 1, 13, 'expected a protocol name'],
    ['iifname "eth9" accept', 1, 9, 'no router port named "eth9" (ports: eth0, eth1, eth2)'],
    ['oifname { "eth1", wlan0 } accept', 1, 19, 'no router port named "wlan0"'],
    ['iifname "wl*" accept', 1, 9, 'no router port matches "wl*"'],
    ['tcp dport 21 ct helper set "ftp-21"', 1, 28, 'no ct helper named "ftp-21"'],
    ['accept counter', 1, 8, "a verdict ('accept') must be the last statement of a rule"],
    ['drop accept', 1, 6, "a verdict ('drop') must be the last statement"],
    ['tcp dport 22 reject with tcp reset log', 1, 36, 'must be the last statement'],
    ['accept comment "x" drop', 1, 20, "'comment' comes last"],
    [
      'counter ip saddr 192.0.2.1 drop',
      1,
      9,
      'this subset wants every match before the first statement',
    ],
    [
      'log prefix "unterminated',
      1,
      12,
      "expected '\"' to close the string that starts here, found the end of the line",
    ],
    ['log prefix nolog accept', 1, 12, 'expected a quoted prefix'],
    ['log level loud', 1, 11, 'expected a log level'],
    ['reject with icmpx type no-route', 1, 24, "the reject reason 'no-route' is not supported"],
    ['reject with icmp type net-prohibited', 1, 23, 'not supported'],
    ['reject with tcp rst', 1, 17, "expected 'reset', found 'rst'"],
    [
      'udp dport 53 tcp dport 53 accept',
      1,
      14,
      'conflicting protocols: this needs tcp, but the rule already needs udp (at 1:1)',
    ],
    ['meta l4proto udp reject with tcp reset', 1, 30, 'conflicting protocols'],
    ['tcp dport < 1024 accept', 1, 11, "the comparison '<' is not supported"],
    ['tcp dport ! 22 accept', 1, 11, "nft has no '!' operator"],
    ['tcp dport { 21, 22 accept', 1, 20, "expected ',' or '}', found 'accept'"],
    ['tcp dport { } accept', 1, 13, 'expected a port, a range or a set'],
    ['tcp dport accept', 1, 11, 'expected a port number'],
    ['tcp dport', 1, 10, 'expected a port, a range or a set { ... }, found the end of the text'],
    ['ct state new,\naccept', 1, 14, 'found the end of the line'],
    ['ct helper "ftp" accept', 1, 4, "'ct helper' as a match is not supported"],
    ['ct mark 1 accept', 1, 4, "'ct mark' is not supported by this simulator's nftables subset"],
    ['tcp flags syn drop', 1, 5, "'tcp flags' is not supported"],
    ['ip ttl 1 drop', 1, 4, "'ip ttl' is not supported"],
    ['meta mark 1 accept', 1, 6, "'meta mark' is not supported"],
    ['ip saddr @blocked drop', 1, 10, 'a named set (@name) is not supported'],
    ['ip saddr $trusted accept', 1, 10, 'a variable ($name) is not supported'],
    ['comment "only a comment"', 1, 1, "a rule needs a match or a statement before its 'comment'"],
    [
      'tcp dport 22 count accept',
      1,
      14,
      "expected 'accept', 'drop', 'reject' or a match, found 'count'",
    ],
    ['ip daddr 192.0.2.1:80 accept', 1, 10, '"1:80" is not a number from 0 to 255'],
    ['tcp dport 22 \u{1F600} accept', 1, 14, "found '\u{1F600}'"],
    ['log prefix "# not a comment" accept\ntcp dport 21 acept', 2, 14, "found 'acept'"],
    [
      'udp dport 53 accept # fine\n\n  ip saddr 10.0.0.0/8 drop extra',
      3,
      28,
      'must be the last statement',
    ],
    [
      'ip6 saddr 2001:db8::1 drop',
      1,
      1,
      "'ip6' is not supported by this simulator's nftables subset",
    ],
  ])('%j at %i:%i', (text, line, column, fragment) => {
    const r = refusal(text);
    expect(r.name).toBe('RulesetError');
    expect(r.message).toContain(fragment);
    expect([r.line, r.column]).toEqual([line, column]);
    expect(r.message.startsWith(`rules.nft:${line}:${column}: `)).toBe(true);
  });

  it.each([
    'jump other',
    'goto other',
    'return',
    'queue',
    'limit rate 10/second accept',
    'meter flood { ip saddr limit rate 10/second } accept',
    'ip daddr vmap { 192.0.2.1 : accept }',
    'dnat to 192.0.2.1',
    'snat to 192.0.2.1',
    'masquerade',
    'icmp type echo-request accept',
    'notrack',
    'set update ip saddr @seen',
  ])('refuses %j as outside the subset, saying what is supported', (text) => {
    const r = refusal(text);
    expect(r.message).toMatch(/is not supported by this simulator's nftables subset \(.*supported/);
  });
});

describe('refusals in the file form', () => {
  it.each([
    [chain('\t\ttcp dport 21 acept'), 4, 16, "found 'acept'"],
    [
      'table inet filter {\n\tchain forward {\n\t\ttype filter hook forward priority 0 policy drop;\n\t}\n}',
      3,
      39,
      "expected ';' or a new line, found 'policy'",
    ],
    [
      'table inet filter {\n\tchain forward {\n\t\ttype filter hook forward priority 0;\n\t\taccept\n}',
      5,
      2,
      "expected '}' to close table inet filter (opened at 1:1), found the end of the text",
    ],
    [
      'table inet filter {\n\tchain forward {\n\t\ttype filter hook forward priority 0;\n',
      4,
      1,
      "expected '}' to close chain forward (opened at 2:2)",
    ],
    [
      'table inet filter {\n\tchain helpers {\n\t\taccept\n\t}\n}',
      2,
      2,
      'regular chains need jump/goto, which this subset does not support',
    ],
    [
      'table ip6 filter {\n}',
      1,
      7,
      "table family 'ip6' is not supported: this simulator routes IPv4 only (use 'inet' or 'ip')",
    ],
    ['table bridge filter {\n}', 1, 7, "table family 'bridge' is not supported"],
    ['table netdev filter {\n}', 1, 7, "table family 'netdev' is not supported"],
    ['table arp filter {\n}', 1, 7, "table family 'arp' is not supported"],
    [
      'table inet nat {\n\tchain post {\n\t\ttype nat hook postrouting priority srcnat;\n\t}\n}',
      3,
      8,
      "a 'nat' chain is not supported",
    ],
    [
      'table inet f {\n\tchain c {\n\t\ttype filter hook ingress priority 0;\n\t}\n}',
      3,
      20,
      "the 'ingress' hook is not supported",
    ],
    [
      'table inet f {\n\tchain c {\n\t\ttype filter hook forwrd priority 0;\n\t}\n}',
      3,
      20,
      "expected 'prerouting', 'input', 'forward', 'output' or 'postrouting', found 'forwrd'",
    ],
    [
      'table inet f {\n\tchain c {\n\t\ttype filter hook forward priority high;\n\t}\n}',
      3,
      37,
      'expected a priority',
    ],
    [
      'table inet f {\n\tchain c {\n\t\ttype filter hook forward priority 0; policy reject;\n\t}\n}',
      3,
      47,
      "expected 'accept' or 'drop', found 'reject'",
    ],
    [
      'table inet f {\n\tchain c {\n\t\ttype filter hook forward priority 0;\n\t}\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t}\n}',
      5,
      8,
      "chain 'c' is declared twice",
    ],
    [
      'table inet f {\n\tset blocked {\n\t\ttype ipv4_addr\n\t}\n}',
      2,
      2,
      "'set' in a table is not supported",
    ],
    ['table inet f {\n\tct timeout t {\n\t}\n}', 2, 2, "'ct timeout' in a table is not supported"],
    [
      'table inet f {\n\tct helper h {\n\t\ttype "tftp" protocol udp\n\t}\n}',
      3,
      8,
      'the helper type "tftp" is not supported',
    ],
    [
      'table inet f {\n\tct helper h {\n\t\ttype "ftp" protocol udp\n\t}\n}',
      3,
      23,
      'the ftp helper works over tcp',
    ],
    [
      'table inet f {\n\tct helper h {\n\t\tl3proto ip\n\t}\n}',
      4,
      2,
      'ct helper h needs a type and a protocol',
    ],
    [
      'table inet f {\n\tct helper h {\n\t\ttype "ftp" protocol tcp\n\t\tl3proto ip6\n\t}\n}',
      4,
      11,
      "'l3proto ip6' is not supported",
    ],
    [
      'ct helper h { type "ftp" protocol tcp; }\nct helper h { type "sip" protocol udp; }',
      2,
      11,
      "ct helper 'h' is declared twice",
    ],
    ['table inet f {\n}\ntable inet f {\n}', 3, 1, 'table inet f is declared twice'],
    [
      'table inet f {\n}\ntcp dport 22 accept',
      3,
      1,
      'once the text declares tables, every rule belongs in a chain',
    ],
    ['tcp dport 22 accept\ntable inet f {\n}', 2, 1, 'this text started with bare rules'],
    ['table inet f {\n}\nflush ruleset', 3, 1, "'flush ruleset' must come first"],
    ['flush table inet f', 1, 7, "'flush table' is not supported"],
    ['add rule inet filter forward accept', 1, 1, "the command 'add' is not supported"],
    ['define lan = 192.0.2.0/24', 1, 1, "the command 'define' is not supported"],
    ['chain forward {\n}', 1, 1, "a chain must be inside a 'table inet NAME { ... }' block"],
    ['accept\n}', 2, 1, "this '}' closes nothing"],
    [
      'table inet f {\n\tchain c {\n\t\ttype filter hook forward priority 0;\n\t\tjump other\n\t}\n}',
      4,
      3,
      "'jump' is not supported",
    ],
    [
      'table inet f {\n\tct helper a {\n\t\ttype "ftp" protocol tcp\n\t}\n}\ntable inet g {\n\tchain c {\n\t\ttype filter hook prerouting priority 0;\n\t\tct helper set "a"\n\t}\n}',
      9,
      17,
      'no ct helper named "a" in this table or at top level',
    ],
  ])('%j at %i:%i', (text, line, column, fragment) => {
    const r = refusal(text);
    expect(r.message).toContain(fragment);
    expect([r.line, r.column]).toEqual([line, column]);
  });
});
