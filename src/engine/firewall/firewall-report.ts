import type { ConnectionHistory } from './connection';
import type { CompiledRuleset } from './rules/ruleset-types';
import type { FirewallShared } from './shared-state';
import type { Firewall } from './firewall';
import type { VerdictCount } from './verdict-stats';

/** The firewall's part of a run report; see README for every field. */
/** disabled: the scenario has no firewall; down: crashed, not yet restarted; recovering: restarted, reassembling. */
export type FirewallState = 'disabled' | 'up' | 'down' | 'recovering';

export interface FirewallReport {
  enabled: boolean;
  state: FirewallState;
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

/** Everything the report reads: the instance in service (if any) and what outlives it. */
export interface FirewallReportSource {
  readonly state: FirewallState;
  readonly ruleset: CompiledRuleset | null;
  readonly shared: FirewallShared | null;
  /** The instance in service or recovering; null when disabled or down. */
  readonly firewall: Firewall | null;
  /**
   * False: `connections` is left empty. A page refreshing its tables several times a second
   * takes a bounded summary instead (summarizeConnections): copying 100,000 histories each
   * time held the page up for a fifth of a second.
   */
  readonly listConnections?: boolean;
}

export function buildFirewallReport(src: FirewallReportSource): FirewallReport {
  const { ruleset, shared, firewall } = src;
  const chains = ruleset?.chains ?? [];
  const stats = shared?.expectations;
  return {
    enabled: src.state !== 'disabled',
    state: src.state,
    connectionsTracked: firewall?.conntrack.table.count ?? 0,
    connectionsCreated: shared === null ? 0 : shared.ledger.size + shared.ledger.omitted,
    verdicts: shared?.verdicts.summary() ?? [],
    rules: (ruleset?.rules ?? []).map((r) => ({
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
    helpers: (ruleset?.helpers ?? []).map((h) => ({
      name: h.name,
      type: h.type,
      protocol: h.protocol,
    })),
    expectations: {
      created: stats?.created ?? 0,
      matched: stats?.matched ?? 0,
      expired: stats?.expired ?? 0,
      evicted: stats?.evicted ?? 0,
      renewed: stats?.renewed ?? 0,
      refused: stats?.refused ?? 0,
      pending: firewall?.conntrack.expectations.size ?? 0,
    },
    connections:
      src.listConnections === false ? [] : (shared?.ledger.entries.map(copyHistory) ?? []),
    connectionsOmitted: shared?.ledger.omitted ?? 0,
  };
}

/**
 * A snapshot of a history entry (the live one keeps changing), as plain data: the ledger's
 * entries make their readable fields on demand, so each field is read by name.
 */
export function copyHistory(h: ConnectionHistory): ConnectionHistory {
  return {
    id: h.id,
    proto: h.proto,
    orig: h.orig,
    states: h.states, // replaced when a state is entered, never changed in place: shared
    helper: h.helper,
    related: h.related,
    admittedBy: h.admittedBy,
    createdAtUs: h.createdAtUs,
    endedAtUs: h.endedAtUs,
    endReason: h.endReason,
    packets: { ...h.packets },
    recoveries: h.recoveries,
  };
}
