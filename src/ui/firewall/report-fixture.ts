import type { ConnectionHistory, FirewallReport } from '../../engine';

/** A firewall report shaped like blocked-address's (see `npm run sim -- --json`), for tests. */
export function firewallReport(overrides: Partial<FirewallReport> = {}): FirewallReport {
  return {
    enabled: true,
    state: 'up',
    connectionsTracked: 1,
    connectionsCreated: 1,
    verdicts: [
      { verdict: 'accept', reason: 'rule', rule: 2, chain: 'forward', packets: 4_176 },
      { verdict: 'drop', reason: 'rule', rule: 3, chain: 'forward', packets: 4 },
    ],
    rules: [
      {
        number: 1,
        chain: 'prerouting',
        text: 'tcp dport 21 ct helper set "ftp-standard"',
        counter: false,
        packets: 26,
        bytes: 1_242,
      },
      {
        number: 2,
        chain: 'forward',
        text: 'ct state established,related counter accept',
        counter: true,
        packets: 4_176,
        bytes: 4_167_826,
      },
      {
        number: 3,
        chain: 'forward',
        text: 'ip saddr 192.0.2.66 counter drop',
        counter: true,
        packets: 4,
        bytes: 192,
      },
      {
        number: 4,
        chain: 'forward',
        text: 'counter log prefix "forward drop: "',
        counter: true,
        packets: 0,
        bytes: 0,
      },
    ],
    chains: [
      {
        family: 'inet',
        table: 'filter',
        name: 'prerouting',
        hook: 'prerouting',
        priority: 0,
        policy: 'accept',
        policyPackets: 4_182,
      },
      {
        family: 'inet',
        table: 'filter',
        name: 'forward',
        hook: 'forward',
        priority: 0,
        policy: 'drop',
        policyPackets: 0,
      },
    ],
    helpers: [{ name: 'ftp-standard', type: 'ftp', protocol: 'tcp' }],
    expectations: {
      created: 2,
      matched: 2,
      expired: 0,
      evicted: 0,
      renewed: 0,
      refused: 0,
      pending: 0,
    },
    connections: [connection({})],
    connectionsOmitted: 0,
    ...overrides,
  };
}

export function connection(overrides: Partial<ConnectionHistory>): ConnectionHistory {
  return {
    id: 'tcp 192.0.2.10:50047 → 198.51.100.20:21 #1',
    proto: 'tcp',
    orig: { src: '192.0.2.10', sport: 50047, dst: '198.51.100.20', dport: 21 },
    states: ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED'],
    helper: 'ftp-standard',
    related: null,
    admittedBy: 'rule 4',
    createdAtUs: 1_004,
    endedAtUs: null,
    endReason: null,
    packets: { accepted: 23, dropped: 0 },
    recoveries: 0,
    ...overrides,
  };
}
