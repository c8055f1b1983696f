import type { Scenario } from '../scenarios/schema';

/**
 * The ruleset a scenario gets when it brings none, written as a Linux administrator would
 * write it (and loaded through the same parser as user rules): hosts behind inside ports may
 * open connections, replies and related connections come back, the FTP and SIP helpers are
 * assigned on their standard ports, and everything else is dropped — the policy fails closed.
 */
export function defaultRuleset(scenario: Pick<Scenario, 'router'>): string {
  const inside = scenario.router.ports.filter((p) => p.zone === 'inside').map((p) => `"${p.name}"`);
  const allowNew =
    inside.length === 0
      ? '\t\t# no inside port: no new connection may cross the router'
      : `\t\tiifname ${inside.length === 1 ? inside[0] : `{ ${inside.join(', ')} }`} ct state new counter accept comment "new connections from inside"`;
  return `table inet filter {
\tct helper ftp-standard {
\t\ttype "ftp" protocol tcp;
\t}

\tct helper sip-standard {
\t\ttype "sip" protocol udp;
\t}

\tchain prerouting {
\t\ttype filter hook prerouting priority filter; policy accept;
\t\ttcp dport 21 ct helper set "ftp-standard"
\t\tudp dport 5060 ct helper set "sip-standard"
\t}

\tchain forward {
\t\ttype filter hook forward priority filter; policy drop;
\t\tct state established,related counter accept comment "replies and helper-announced connections"
${allowNew}
\t\tcounter log prefix "forward drop: "
\t}
}
`;
}
