import { describe, expect, it } from 'vitest';
import { decide, load, verdictOf } from './test-support';

/** Accepted rule syntax, each construct loaded and evaluated against packets. */

/** A bare-rules text whose single rule accepts, so "accept" means "the rule matched". */
const matches = (rule: string) => {
  const ruleset = load(`${rule} accept`);
  return (fields: Parameters<typeof verdictOf>[1] = {}) => verdictOf(ruleset, fields) === 'accept';
};

describe('ct state', () => {
  it.each([
    'ct state established,related',
    'ct state established, related',
    'ct state { established, related }',
    'ct state {established,related}',
    'ct state == { established, related }',
  ])('%s matches exactly those states', (rule) => {
    const m = matches(rule);
    expect(m({ state: 'established' })).toBe(true);
    expect(m({ state: 'related' })).toBe(true);
    expect(m({ state: 'new' })).toBe(false);
    expect(m({ state: 'invalid' })).toBe(false);
    expect(m({ state: 'untracked' })).toBe(false);
  });

  it('knows all five states and their negation', () => {
    for (const s of ['new', 'established', 'related', 'invalid', 'untracked'] as const) {
      expect(matches(`ct state ${s}`)({ state: s })).toBe(true);
      expect(matches(`ct state != ${s}`)({ state: s })).toBe(false);
    }
    expect(matches('ct state != { new, invalid }')({ state: 'established' })).toBe(true);
  });
});

describe('ip saddr / daddr', () => {
  it('matches an address, a prefix, a set and a range', () => {
    expect(matches('ip saddr 192.0.2.66')({ src: '192.0.2.66' })).toBe(true);
    expect(matches('ip saddr 192.0.2.66')({ src: '192.0.2.67' })).toBe(false);
    const net = matches('ip daddr 198.51.100.0/24');
    expect(net({ dst: '198.51.100.0' })).toBe(true);
    expect(net({ dst: '198.51.100.255' })).toBe(true);
    expect(net({ dst: '198.51.101.0' })).toBe(false);
    const set = matches('ip saddr { 192.0.2.10, 203.0.113.0/24 }');
    expect(set({ src: '192.0.2.10' })).toBe(true);
    expect(set({ src: '203.0.113.200' })).toBe(true);
    expect(set({ src: '192.0.2.11' })).toBe(false);
    const range = matches('ip saddr 192.0.2.10-192.0.2.20');
    expect(range({ src: '192.0.2.20' })).toBe(true);
    expect(range({ src: '192.0.2.21' })).toBe(false);
  });

  it('handles the top of the address space and /0', () => {
    expect(matches('ip daddr 255.255.255.255')({ dst: '255.255.255.255' })).toBe(true);
    expect(matches('ip daddr 128.0.0.0/1')({ dst: '200.1.2.3' })).toBe(true);
    expect(matches('ip daddr 0.0.0.0/0')({ dst: '200.1.2.3' })).toBe(true);
  });

  it('negates with !=, also for sets', () => {
    const m = matches('ip saddr != 10.0.0.0/8');
    expect(m({ src: '10.1.2.3' })).toBe(false);
    expect(m({ src: '192.0.2.1' })).toBe(true);
    const s = matches('ip daddr != { 198.51.100.1, 198.51.100.2, 203.0.113.0/25 }');
    expect(s({ dst: '198.51.100.2' })).toBe(false);
    expect(s({ dst: '203.0.113.127' })).toBe(false);
    expect(s({ dst: '203.0.113.128' })).toBe(true);
  });

  it('accepts a set written over several lines', () => {
    const m = matches('ip saddr {\n  192.0.2.1,\n  192.0.2.2, # the printer\n  192.0.2.3,\n}');
    expect(m({ src: '192.0.2.3' })).toBe(true);
    expect(m({ src: '192.0.2.4' })).toBe(false);
  });
});

describe('tcp / udp ports', () => {
  it('matches a port, a set, a range and a set of ranges', () => {
    expect(matches('tcp dport 21')({ dport: 21 })).toBe(true);
    expect(matches('tcp dport 21')({ dport: 22 })).toBe(false);
    const set = matches('tcp dport { 21, 80, 443 }');
    expect([21, 80, 443, 22].map((dport) => set({ dport }))).toEqual([true, true, true, false]);
    const range = matches('udp sport 1024-65535');
    expect(range({ proto: 17, sport: 1024 })).toBe(true);
    expect(range({ proto: 17, sport: 65535 })).toBe(true);
    expect(range({ proto: 17, sport: 1023 })).toBe(false);
    const ranges = matches('tcp dport { 20-21, 8000-8080 }');
    expect([19, 20, 21, 22, 7999, 8000, 8080, 8081].map((dport) => ranges({ dport }))).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it('implies the protocol, also when negated', () => {
    expect(matches('tcp dport 53')({ proto: 17, dport: 53 })).toBe(false);
    expect(matches('udp dport 53')({ proto: 17, dport: 53 })).toBe(true);
    expect(matches('tcp dport != 22')({ proto: 17, dport: 80 })).toBe(false);
    expect(matches('tcp dport != 22')({ dport: 80 })).toBe(true);
    expect(matches('tcp dport != 22')({ dport: 22 })).toBe(false);
    expect(matches('udp sport != { 53, 123 }')({ proto: 1, sport: 0 })).toBe(false);
  });

  it('knows the service names nft -S prints', () => {
    const names = ['ftp-data', 'ftp', 'ssh', 'telnet', 'smtp', 'domain', 'http', 'https', 'sip'];
    const ports = [20, 21, 22, 23, 25, 53, 80, 443, 5060];
    names.forEach((name, i) =>
      expect(matches(`tcp dport ${name}`)({ dport: ports[i] })).toBe(true),
    );
    expect(matches('tcp dport ftp-data-ftp')({ dport: 21 })).toBe(true);
    expect(matches('tcp dport { ftp-data, http }')({ dport: 80 })).toBe(true);
  });
});

describe('protocols', () => {
  it('matches meta l4proto and ip protocol by name, number and set', () => {
    expect(matches('meta l4proto tcp')({ proto: 6 })).toBe(true);
    expect(matches('meta l4proto tcp')({ proto: 17 })).toBe(false);
    const both = matches('meta l4proto { tcp, udp }');
    expect([1, 6, 17].map((proto) => both({ proto }))).toEqual([false, true, true]);
    expect(matches('ip protocol icmp')({ proto: 1, sport: 0, dport: 0 })).toBe(true);
    expect(matches('ip protocol 17')({ proto: 17 })).toBe(true);
    expect(matches('ip protocol != icmp')({ proto: 1 })).toBe(false);
    expect(matches('ip protocol != icmp')({ proto: 6 })).toBe(true);
  });
});

describe('interfaces', () => {
  it('resolves names to router ports, quoted or not, with the meta and iif forms', () => {
    for (const rule of ['iifname "eth0"', 'iifname eth0', 'meta iifname "eth0"', 'iif "eth0"']) {
      const m = matches(rule);
      expect(m({ inPort: 0 })).toBe(true);
      expect(m({ inPort: 1 })).toBe(false);
    }
    const out = matches('oifname { "eth1", "eth2" }');
    expect([0, 1, 2].map((outPort) => out({ outPort }))).toEqual([false, true, true]);
    expect(matches('oifname != "eth1"')({ outPort: 2 })).toBe(true);
    expect(matches('oifname != "eth1"')({ outPort: 1 })).toBe(false);
  });

  it('matches nothing when there is no output port, whichever the operator', () => {
    expect(matches('oifname "eth1"')({ outPort: -1 })).toBe(false);
    expect(matches('oifname != "eth1"')({ outPort: -1 })).toBe(false);
  });

  it('expands a trailing wildcard and knows the loopback interface', () => {
    const m = load('iifname "eth*" accept', ['eth0', 'wan0', 'eth1']);
    expect([0, 1, 2].map((inPort) => verdictOf(m, { inPort }))).toEqual([
      'accept',
      'drop',
      'accept',
    ]);
    // No forwarded packet crosses lo: the rule loads and never matches.
    expect(matches('iifname "lo"')({ inPort: 0 })).toBe(false);
    expect(matches('iifname != "lo"')({ inPort: 0 })).toBe(true);
  });
});

describe('statements', () => {
  it('counts every matching rule, and records which had a counter', () => {
    const rs = load('tcp dport 22 counter\ntcp dport 22 counter packets 12 bytes 3456 accept');
    decide(rs, { dport: 22, ipBytes: 100 });
    decide(rs, { dport: 22, ipBytes: 40 });
    decide(rs, { dport: 80 });
    // nft's totals in the text are not carried over: the simulation counts from zero.
    expect(rs.rules.map((r) => [r.counter, r.packets, r.bytes])).toEqual([
      [true, 2, 140],
      [true, 2, 140],
    ]);
  });

  it('logs with and without a prefix and level, and goes on without a verdict', () => {
    const rs = load('log\nlog prefix "fw: " level warn\ntcp dport 80 log prefix "web " accept');
    const d = decide(rs);
    expect(d.logs).toEqual([
      [1, ''],
      [2, 'fw: '],
      [3, 'web '],
    ]);
    expect([d.verdict, d.rule]).toEqual([0, 3]);
  });

  it.each([
    ['reject', 'port-unreachable'],
    ['reject with tcp reset', 'tcp-reset'],
    ['reject with icmpx type port-unreachable', 'port-unreachable'],
    ['reject with icmpx type host-unreachable', 'host-unreachable'],
    ['reject with icmpx type admin-prohibited', 'admin-prohibited'],
    ['reject with icmpx admin-prohibited', 'admin-prohibited'],
    ['reject with icmp type host-unreachable', 'host-unreachable'],
    ['reject with icmp port-unreachable', 'port-unreachable'],
    ['reject with icmp 13', 'admin-prohibited'],
  ])('%s', (rule, rejectWith) => {
    const d = decide(load(rule));
    expect([d.verdict, d.rule, d.rejectWith]).toEqual([2, 1, rejectWith]);
  });

  it('applies reject with tcp reset only to TCP, as nft adds that dependency', () => {
    const rs = load('reject with tcp reset');
    expect(verdictOf(rs, { proto: 6 })).toBe('reject');
    expect(verdictOf(rs, { proto: 17 })).toBe('drop'); // the policy
  });

  it('accepts a trailing comment and keeps the normalised text', () => {
    const rs = load('  tcp   dport {21,  80}\tcounter  accept   comment "web and ftp"  # handle 7');
    expect(rs.rules[0].text).toBe('tcp dport {21, 80} counter accept comment "web and ftp"');
    expect(verdictOf(rs, { dport: 21 })).toBe('accept');
  });

  it('accepts a rule of matches only (it counts) and several rules on one line', () => {
    const rs = load('tcp dport 80; udp dport 53 accept; ip protocol icmp drop');
    expect(rs.rules.map((r) => [r.number, r.line, r.text])).toEqual([
      [1, 1, 'tcp dport 80'],
      [2, 1, 'udp dport 53 accept'],
      [3, 1, 'ip protocol icmp drop'],
    ]);
    expect(decide(rs).rule).toBe(0);
    expect(rs.rules[0].packets).toBe(1);
  });
});
