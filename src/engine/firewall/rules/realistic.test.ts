import { describe, expect, it } from 'vitest';
import { REALISTIC_RULESET } from './realistic-ruleset';
import { decide, load } from './test-support';

/** A ruleset as `nft -a list ruleset` prints it loads, and behaves as on the router it came from. */

const PORTS = ['eth0', 'eth1'];

describe('a real nft list ruleset', () => {
  it('loads every table, chain, helper and rule', () => {
    const rs = load(REALISTIC_RULESET, PORTS);
    expect(
      rs.chains.map((c) => `${c.table} ${c.name} ${c.hook} ${c.priority} ${c.policy}`),
    ).toEqual([
      'filter prerouting prerouting 0 accept',
      'filter input input 0 drop',
      'filter forward forward 0 drop',
      'filter output output 0 accept',
    ]);
    expect(rs.helpers).toEqual([
      { name: 'ftp-standard', type: 'ftp', protocol: 'tcp' },
      { name: 'sip-5060', type: 'sip', protocol: 'udp' },
    ]);
    expect(rs.rules).toHaveLength(16);
    expect(rs.rules.map((r) => r.number)).toEqual([...Array(16).keys()].map((i) => i + 1));
    expect(rs.rules[0]).toMatchObject({
      chain: 0,
      line: 14,
      text: 'tcp dport 21 ct helper set "ftp-standard"',
    });
    expect(rs.rules[7]).toMatchObject({
      chain: 1,
      text: 'log prefix "nft input drop: " level info counter packets 41 bytes 2993',
      counter: true,
      packets: 0,
    });
    expect(rs.rules[8].text).toBe(
      'ct state established,related counter packets 152342 bytes 201443212 accept',
    );
    expect(rs.rules.every((r) => !r.text.includes('handle'))).toBe(true);
  });

  it('forwards an FTP session from eth1 to eth0 with the helper, and drops the rest', () => {
    const rs = load(REALISTIC_RULESET, PORTS);
    const control = { inPort: 1, outPort: 0, src: '198.51.100.7', dst: '192.0.2.21', dport: 21 };
    expect(decide(rs, control)).toMatchObject({ verdict: 0, rule: 12, chain: 2, helper: 0 });
    expect(decide(rs, { ...control, state: 'established' })).toMatchObject({
      verdict: 0,
      rule: 9,
      helper: -1,
    });
    const data = { ...control, dport: 50123, state: 'related' as const };
    expect(decide(rs, data)).toMatchObject({ verdict: 0, rule: 9 });
    expect(decide(rs, { ...control, dport: 50123 })).toMatchObject({
      verdict: 1,
      rule: 0,
      chain: 2,
    });
    expect(decide(rs, { ...control, dport: 23 })).toMatchObject({
      verdict: 2,
      rule: 15,
      rejectWith: 'tcp-reset',
    });
    expect(decide(rs, { ...control, src: '192.0.2.66' })).toMatchObject({ verdict: 1, rule: 11 });
    const sip = decide(rs, { ...control, proto: 17, dport: 5060 });
    expect(sip).toMatchObject({ verdict: 0, rule: 13, helper: 1 });
    const dropped = decide(rs, { inPort: 0, outPort: 1, dport: 80 });
    expect(dropped).toMatchObject({ verdict: 1, rule: 0, chain: 2 });
    expect(dropped.logs).toEqual([[16, 'nft forward drop: ']]);
    expect(rs.chains[2].policyPackets).toBe(2);
    expect(rs.chains[1].policyPackets).toBe(0);
  });
});
