import { describe, expect, it } from 'vitest';
import { firewallReport } from './report-fixture';
import { chainOfRules, priorityText, rulesetListing } from './ruleset-listing';

describe('rulesetListing', () => {
  it('lists each table with its helpers, chains, policies and counted rules', () => {
    const [table, ...rest] = rulesetListing(firewallReport());
    expect(rest).toEqual([]);
    expect(table.name).toBe('inet filter');
    expect(table.helpers).toEqual(['ct helper ftp-standard { type "ftp" protocol tcp; }']);
    expect(table.chains.map((c) => c.key)).toEqual(['filter/prerouting', 'filter/forward']);
    const [prerouting, forward] = table.chains;
    expect(prerouting).toMatchObject({
      header: 'type filter hook prerouting priority filter; policy accept;',
      policyPackets: '4,182',
      policyPacketsUnit: 'packets',
      policyQuiet: false,
    });
    expect(prerouting.rules.map((r) => r.number)).toEqual([1]);
    expect(forward).toMatchObject({ policy: 'drop', policyPackets: '0', policyQuiet: true });
    expect(forward.rules).toEqual([
      expect.objectContaining({ number: 2, packets: '4,176', bytes: '4.17 MB', quiet: false }),
      {
        number: 3,
        text: 'ip saddr 192.0.2.66 counter drop',
        packets: '4',
        packetsUnit: 'packets',
        bytes: '192 B',
        exact: '4 packets, 192 bytes',
        quiet: false,
      },
      expect.objectContaining({
        number: 4,
        packets: '0',
        quiet: true,
        exact: '0 packets, 0 bytes',
      }),
    ]);
  });

  it('tells apart chains of the same name in two tables by the order of the text', () => {
    const base = firewallReport();
    const chain = base.chains[1];
    const chains = [chain, { ...chain, table: 'other' }];
    const rules = [1, 2, 3].map((number) => ({ ...base.rules[1], number }));
    expect(chainOfRules(chains, rules)).toEqual([0, 0, 0]);
    const listing = rulesetListing({ ...base, chains, rules });
    expect(listing.map((t) => t.name)).toEqual(['inet filter', 'inet other']);
    expect(listing[1].helpers).toEqual([]);
  });

  it("names nft's standard priorities and prints others as numbers", () => {
    expect(priorityText(0)).toBe('filter');
    expect(priorityText(-300)).toBe('raw');
    expect(priorityText(10)).toBe('10');
  });
});
