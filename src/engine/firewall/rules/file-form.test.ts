import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAIN, DEFAULT_TABLE } from './index';
import { decide, load, verdictOf } from './test-support';

/** The file form: tables, base chains, helper objects, comments and `flush ruleset`. */

describe('tables and chains', () => {
  it('loads inet and ip tables with their chains, hooks, priorities and policies', () => {
    const rs = load(`#!/usr/sbin/nft -f
flush ruleset

table inet filter {
  chain input { type filter hook input priority 0; policy drop; }
  chain forward {
    type filter hook forward priority filter
    policy drop
    ct state established,related accept
  }
}
table ip mangle {
  chain pre {
    type filter hook prerouting priority mangle; policy accept;
  }
}
table legacy {
  chain fwd {
    type filter hook forward priority -5;
  }
}
`);
    expect(rs.chains.map((c) => [c.table, c.name, c.hook, c.priority, c.policy])).toEqual([
      ['filter', 'input', 'input', 0, 'drop'],
      ['filter', 'forward', 'forward', 0, 'drop'],
      ['mangle', 'pre', 'prerouting', -150, 'accept'],
      ['legacy', 'fwd', 'forward', -5, 'accept'], // family ip by default; policy accept by default
    ]);
    expect(rs.rules.map((r) => [r.number, r.chain, r.line])).toEqual([[1, 1, 9]]);
  });

  it.each([
    ['raw', -300],
    ['mangle', -150],
    ['dstnat', -100],
    ['filter', 0],
    ['security', 50],
    ['srcnat', 100],
    ['-300', -300],
    ['42', 42],
    ['filter + 10', 10],
    ['filter - 10', -10],
    ['filter -10', -10],
    ['mangle+5', -145],
    ['filter-5', -5],
  ])('reads priority %s as %i', (text, value) => {
    const rs = load(
      `table inet t {\n\tchain c {\n\t\ttype filter hook forward priority ${text}; policy accept;\n\t}\n}`,
    );
    expect(rs.chains[0].priority).toBe(value);
  });

  it('accepts a chain comment, a table comment and quoted names', () => {
    const rs = load(`table inet "my filter" {
	comment "managed by hand"
	chain "fwd" {
		type filter hook forward priority filter; policy drop;
		comment "the only chain"
		accept
	}
}`);
    expect([rs.chains[0].table, rs.chains[0].name, rs.rules[0].text]).toEqual([
      'my filter',
      'fwd',
      'accept',
    ]);
  });

  it('accepts an empty table and a table with no forward chain (everything forwarded)', () => {
    const rs = load(
      'table inet empty {\n}\ntable inet host {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t}\n}',
    );
    const d = decide(rs);
    expect([d.verdict, d.rule, d.chain]).toEqual([0, 0, -1]);
    expect(rs.chains[0].policyPackets).toBe(0); // the input chain never sees forwarded packets
  });

  it('reads a line continuation and statements separated by ;', () => {
    const rs = load(
      'table inet t { chain c { type filter hook forward priority 0; policy drop; tcp dport \\\n 22 accept; udp dport 53 accept; } }',
    );
    expect(rs.rules.map((r) => r.text)).toEqual(['tcp dport 22 accept', 'udp dport 53 accept']);
    expect(verdictOf(rs, { dport: 22 })).toBe('accept');
  });
});

describe('bare rules', () => {
  it(`form one chain ${DEFAULT_CHAIN} in table ${DEFAULT_TABLE}, forward hook, priority 0, policy drop`, () => {
    const rs = load('# paste\n\nct state established,related accept\ntcp dport 22 accept # ssh\n');
    expect(rs.chains).toEqual([
      {
        family: 'inet',
        table: 'filter',
        name: 'forward',
        hook: 'forward',
        priority: 0,
        policy: 'drop',
        policyPackets: 0,
      },
    ]);
    expect(rs.rules.map((r) => [r.number, r.line, r.text])).toEqual([
      [1, 3, 'ct state established,related accept'],
      [2, 4, 'tcp dport 22 accept'],
    ]);
    expect(verdictOf(rs, { dport: 23 })).toBe('drop');
  });

  it('fail closed: an empty text, or only flush ruleset, drops everything', () => {
    for (const text of ['', '\n# nothing\n', 'flush ruleset\n']) {
      const d = decide(load(text));
      expect([d.verdict, d.rule, d.chain]).toEqual([1, 0, 0]);
    }
  });
});

describe('ct helper objects', () => {
  it('loads helpers as nft prints them and as people write them', () => {
    const rs = load(`table inet t {
	ct helper ftp-standard {
		type "ftp" protocol tcp
		l3proto inet
	}
	ct helper "sip-udp" { type "sip" protocol udp; l3proto ip; }
	ct helper sip-tcp {
		type sip protocol tcp;
		comment "SIP over TCP"
	}
	chain pre {
		type filter hook prerouting priority filter; policy accept;
		tcp dport 21 ct helper set "ftp-standard"
		udp dport 5060 ct helper set sip-udp
	}
}`);
    expect(rs.helpers).toEqual([
      { name: 'ftp-standard', type: 'ftp', protocol: 'tcp' },
      { name: 'sip-udp', type: 'sip', protocol: 'udp' },
      { name: 'sip-tcp', type: 'sip', protocol: 'tcp' },
    ]);
    expect(decide(rs, { dport: 21 }).helper).toBe(0);
    expect(decide(rs, { proto: 17, dport: 5060 }).helper).toBe(1);
  });

  it('lets bare rules use helpers declared at top level, in any order', () => {
    const rs = load(
      'tcp dport 21 ct helper set "ftp-21" accept\nct helper ftp-21 {\n\ttype "ftp" protocol tcp;\n}\n',
    );
    expect(rs.helpers).toEqual([{ name: 'ftp-21', type: 'ftp', protocol: 'tcp' }]);
    expect(decide(rs, { dport: 21 })).toMatchObject({ verdict: 0, rule: 1, helper: 0 });
  });

  it('prefers the helper of the rule own table over a top-level one of the same name', () => {
    const rs = load(`ct helper h { type "sip" protocol udp; }
table inet t {
	ct helper h { type "ftp" protocol tcp; }
	chain c {
		type filter hook forward priority 0;
		ct helper set "h"
	}
}`);
    expect(decide(rs, { dport: 21 }).helper).toBe(1);
  });
});
