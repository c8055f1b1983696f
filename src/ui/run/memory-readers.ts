import {
  checkpointTotals,
  queryFirewallMemory,
  readCheckpointMemory,
  type CheckpointMemory,
  type CheckpointMemoryRequest,
  type CheckpointTotals,
  type FirewallMemoryPage,
  type FirewallMemoryRequest,
  type FirewallState,
  type Simulation,
} from '../../engine';

/**
 * The two memory spaces as the page's metrics carry them: totals taken with the metrics, and
 * a read() that a view calls for just what it shows (a page of the firewall's table, a few
 * records per area) — with 100k connections, copying either memory whole ten times a second
 * was most of what a refresh cost. read() looks at the instance the metrics were taken from,
 * as it is when called: while paused that is exactly the metrics' instant; while playing,
 * fresh metrics follow within a refresh.
 */
export interface FirewallMemoryView {
  readonly state: FirewallState;
  readonly count: number;
  read(request: FirewallMemoryRequest): FirewallMemoryPage;
}

export interface CheckpointMemoryView extends CheckpointTotals {
  read(request: CheckpointMemoryRequest): CheckpointMemory;
}

export function firewallMemoryView(sim: Simulation): FirewallMemoryView {
  const fw = sim.firewall;
  const state = sim.firewallState;
  return {
    state,
    count: fw?.conntrack.table.count ?? 0,
    read: (request) => queryFirewallMemory(fw, state, request),
  };
}

export function checkpointMemoryView(sim: Simulation): CheckpointMemoryView | null {
  const server = sim.runtime?.server;
  if (server === undefined) return null;
  return { ...checkpointTotals(server), read: (request) => readCheckpointMemory(server, request) };
}
