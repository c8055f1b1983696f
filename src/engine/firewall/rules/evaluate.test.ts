import { describe, expect, it } from 'vitest';
import { decide, load, verdictOf } from './test-support';

/** Evaluation semantics, as the kernel walks base chains. */

const table = (chains: string) => `table inet t {\n${chains}\n}`;
const chain = (name: string, hook: string, priority: number, policy: string, rules = '') =>
  `\tchain ${name} {\n\t\ttype filter hook ${hook} priority ${priority}; policy ${policy};\n${rules}\n\t}`;

describe('evaluate', () => {
  it('stops a chain at the first rule with a verdict', () => {
    const rs = load('tcp dport 80 drop\ntcp dport 80 accept\naccept');
    expect(decide(rs, { dport: 80 })).toMatchObject({ verdict: 1, rule: 1, chain: 0 });
    expect(rs.rules.map((r) => r.packets)).toEqual([1, 0, 0]);
    expect(decide(rs, { dport: 81 })).toMatchObject({ verdict: 0, rule: 3, chain: 0 });
  });

  it('counts rules without a verdict and goes on', () => {
    const rs = load('counter\nlog prefix "seen "\ntcp dport 80 accept');
    const d = decide(rs, { ipBytes: 1500 });
    expect(d).toMatchObject({ verdict: 0, rule: 3 });
    expect(d.logs).toEqual([[2, 'seen ']]);
    expect(rs.rules.map((r) => [r.packets, r.bytes])).toEqual([
      [1, 1500],
      [1, 1500],
      [1, 1500],
    ]);
  });

  it('applies the chain policy when no verdict is reached, and counts it', () => {
    const rs = load(table(chain('f', 'forward', 0, 'drop', '\t\ttcp dport 22 accept')));
    expect(decide(rs, { dport: 23 })).toMatchObject({ verdict: 1, rule: 0, chain: 0 });
    expect(decide(rs, { dport: 22 })).toMatchObject({ verdict: 0, rule: 1, chain: 0 });
    expect(rs.chains[0].policyPackets).toBe(1);
    const open = load(table(chain('f', 'forward', 0, 'accept', '\t\ttcp dport 22 drop')));
    expect(decide(open, { dport: 23 })).toMatchObject({ verdict: 0, rule: 0, chain: 0 });
  });

  it('goes on to the next base chain after accept; drop and reject are final', () => {
    const rs = load(
      table(
        [
          chain('first', 'forward', 0, 'accept', '\t\ttcp dport 22 accept'),
          chain(
            'second',
            'forward',
            10,
            'drop',
            '\t\ttcp dport 80 accept\n\t\ttcp dport 25 reject',
          ),
        ].join('\n'),
      ),
    );
    expect(decide(rs, { dport: 22 })).toMatchObject({ verdict: 1, rule: 0, chain: 1 });
    expect(decide(rs, { dport: 80 })).toMatchObject({ verdict: 0, rule: 2, chain: 1 });
    expect(decide(rs, { dport: 25 })).toMatchObject({
      verdict: 2,
      rule: 3,
      chain: 1,
      rejectWith: 'port-unreachable',
    });
    expect(rs.rules[0].packets).toBe(1); // only port 22 matched it
  });

  it('runs prerouting before forward, each by ascending priority, whatever the text order', () => {
    const rs = load(
      table(
        [
          chain('late', 'forward', 10, 'accept', '\t\tlog prefix "late"'),
          chain('early', 'forward', -10, 'accept', '\t\tlog prefix "early"'),
          chain('pre', 'prerouting', 100, 'accept', '\t\tlog prefix "pre"'),
          chain('in', 'input', -500, 'drop', '\t\tlog prefix "input"'),
          chain('out', 'output', -500, 'drop', '\t\tlog prefix "output"'),
          chain('post', 'postrouting', -500, 'drop', '\t\tlog prefix "post"'),
        ].join('\n'),
      ),
    );
    const d = decide(rs);
    expect(d.logs.map(([, prefix]) => prefix)).toEqual(['pre', 'early', 'late']);
    expect(d).toMatchObject({ verdict: 0, rule: 0, chain: 0 });
  });

  it('stops at a drop in prerouting, so forward chains never see the packet', () => {
    const rs = load(
      table(
        [
          chain('pre', 'prerouting', 0, 'accept', '\t\tip saddr 192.0.2.66 drop'),
          chain('fwd', 'forward', 0, 'accept', '\t\tcounter'),
        ].join('\n'),
      ),
    );
    expect(decide(rs, { src: '192.0.2.66' })).toMatchObject({ verdict: 1, rule: 1, chain: 0 });
    expect(rs.rules[1].packets).toBe(0);
  });

  it('assigns a helper only for a new connection of the helper protocol, first one wins', () => {
    const rs = load(`ct helper ftp { type "ftp" protocol tcp; }
ct helper sip { type "sip" protocol udp; }
tcp dport 21 ct helper set "ftp"
ct helper set "sip"
ct helper set "ftp" accept`);
    expect(decide(rs, { dport: 21 }).helper).toBe(0);
    expect(decide(rs, { dport: 21, state: 'established' }).helper).toBe(-1);
    expect(decide(rs, { dport: 21, state: 'related' }).helper).toBe(-1);
    expect(decide(rs, { proto: 17, dport: 5060 }).helper).toBe(1);
    expect(decide(rs, { dport: 80 }).helper).toBe(0);
    expect(decide(rs, { proto: 1, sport: 0, dport: 0 }).helper).toBe(-1);
  });

  it('fills every field of the result on every call', () => {
    const rs = load(
      'ct helper ftp { type "ftp" protocol tcp; }\ntcp dport 21 ct helper set "ftp" reject with tcp reset\naccept',
    );
    const out = decide(rs, { dport: 21 });
    expect(out).toMatchObject({
      verdict: 2,
      rule: 1,
      chain: 0,
      rejectWith: 'tcp-reset',
      helper: 0,
    });
    const next = { ...out };
    rs.evaluate(
      {
        ctState: 2,
        srcAddr: 1,
        dstAddr: 2,
        proto: 6,
        sport: 1,
        dport: 80,
        inPort: 0,
        outPort: 1,
        ipBytes: 40,
      },
      next,
      () => {},
    );
    expect(next).toMatchObject({
      verdict: 0,
      rule: 2,
      chain: 0,
      rejectWith: 'port-unreachable',
      helper: -1,
    });
  });

  it('evaluates interface, address and port matches together', () => {
    const rs = load(
      'iifname "eth1" oifname "eth0" ip saddr 198.51.100.0/24 tcp dport { 20-21, 80 } ct state new accept',
    );
    expect(verdictOf(rs, { inPort: 1, outPort: 0, src: '198.51.100.7', dport: 20 })).toBe('accept');
    expect(verdictOf(rs, { inPort: 0, outPort: 1, src: '198.51.100.7', dport: 20 })).toBe('drop');
    expect(verdictOf(rs, { inPort: 1, outPort: 0, src: '198.51.101.7', dport: 20 })).toBe('drop');
    expect(
      verdictOf(rs, {
        inPort: 1,
        outPort: 0,
        src: '198.51.100.7',
        dport: 20,
        state: 'established',
      }),
    ).toBe('drop');
  });
});
