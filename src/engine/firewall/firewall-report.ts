import type { ConnectionHistory } from './connection';
import type { ConnectionLedger } from './connection-ledger';
import type { Firewall } from './firewall';
import type { VerdictCount } from './verdict-stats';

/** The firewall's part of a run report; see README for every field. */
export interface FirewallReport {
  enabled: boolean;
  /** Connections in the table now. */
  connectionsTracked: number;
  /** Connections confirmed over the run. */
  connectionsCreated: number;
  verdicts: VerdictCount[];
  rules: Array<{
    number: number;
    chain: string;
    text: string;
    counter: boolean;
    packets: number;
    bytes: number;
  }>;
  chains: Array<{
    family: string;
    table: string;
    name: string;
    hook: string;
    priority: number;
    policy: string;
    policyPackets: number;
  }>;
  helpers: Array<{ name: string; type: string; protocol: string }>;
  expectations: {
    created: number;
    matched: number;
    expired: number;
    evicted: number;
    renewed: number;
    refused: number;
    pending: number;
  };
  connections: ConnectionHistory[];
  /** Connections left out of `connections` because the history is bounded. */
  connectionsOmitted: number;
}

export function buildFirewallReport(
  fw: Firewall | null,
  ledger: ConnectionLedger | null,
): FirewallReport {
  if (fw === null) {
    return {
      enabled: false,
      connectionsTracked: 0,
      connectionsCreated: 0,
      verdicts: [],
      rules: [],
      chains: [],
      helpers: [],
      expectations: {
        created: 0,
        matched: 0,
        expired: 0,
        evicted: 0,
        renewed: 0,
        refused: 0,
        pending: 0,
      },
      connections: ledger?.entries.map(copyHistory) ?? [],
      connectionsOmitted: ledger?.omitted ?? 0,
    };
  }
  if (ledger === null) throw new Error('a firewall always has a ledger');
  const ct = fw.conntrack;
  const chains = fw.ruleset.chains;
  return {
    enabled: true,
    connectionsTracked: ct.table.count,
    connectionsCreated: ledger.entries.length + ledger.omitted,
    verdicts: fw.verdicts.summary(),
    rules: fw.ruleset.rules.map((r) => ({
      number: r.number,
      chain: chains[r.chain].name,
      text: r.text,
      counter: r.counter,
      packets: r.packets,
      bytes: r.bytes,
    })),
    chains: chains.map((c) => ({
      family: c.family,
      table: c.table,
      name: c.name,
      hook: c.hook,
      priority: c.priority,
      policy: c.policy,
      policyPackets: c.policyPackets,
    })),
    helpers: fw.ruleset.helpers.map((h) => ({ name: h.name, type: h.type, protocol: h.protocol })),
    expectations: {
      ...ct.expectations.stats,
      refused: fw.expectationsRefused,
      pending: ct.expectations.size,
    },
    connections: ledger.entries.map(copyHistory),
    connectionsOmitted: ledger.omitted,
  };
}

/** A snapshot of a history entry (the live one keeps changing). */
function copyHistory(h: ConnectionHistory): ConnectionHistory {
  return { ...h, orig: { ...h.orig }, states: [...h.states], packets: { ...h.packets } };
}
