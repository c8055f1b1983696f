import { buildFirewallReport, type FirewallReport } from './firewall';
import type { Simulation } from './simulation';
import { buildCheckpointSection, type CheckpointSection } from './checkpoint/checkpoint-report';
import { flowReports, type FlowReport } from './flow-reports';

export type { FlowReport };

export interface SimulationReport extends CheckpointSection {
  scenario: string;
  seed: number;
  simulatedUs: number;
  events: number;
  packets: {
    sent: number;
    forwarded: number;
    originated: number;
    delivered: number;
    dropped: Record<string, number>;
    droppedTotal: number;
  };
  flows: FlowReport[];
  firewall: FirewallReport;
  links: Array<{
    name: string;
    packets: number;
    bytes: number;
    lost: number;
    duplicated: number;
    reordered: number;
  }>;
  routerPorts: Array<{ name: string; received: number; forwarded: number }>;
}

/** The run's results so far, as plain JSON-serialisable data; reading them changes nothing. */
/** `listConnections: false` leaves `firewall.connections` empty (see FirewallReportSource). */
export function buildReport(
  sim: Simulation,
  options: { readonly listConnections?: boolean } = {},
): SimulationReport {
  const counters = sim.ctx.counters;
  const endUs = sim.nowUs;
  return {
    scenario: sim.scenario.name,
    seed: sim.seed,
    simulatedUs: endUs,
    events: sim.scheduler.eventsProcessed,
    packets: {
      sent: counters.sent,
      forwarded: counters.forwarded,
      originated: counters.originated,
      delivered: counters.delivered,
      dropped: counters.droppedByReason(),
      droppedTotal: counters.droppedTotal(),
    },
    flows: flowReports(sim.flows, endUs),
    firewall: buildFirewallReport({
      state: sim.firewallState,
      ruleset: sim.runtime?.ruleset ?? null,
      shared: sim.runtime?.shared ?? null,
      firewall: sim.firewall,
      listConnections: options.listConnections,
    }),
    ...buildCheckpointSection(sim),
    links: sim.channels.channels.map((c) => ({
      name: c.name,
      packets: c.packetsSent,
      bytes: c.bytesSent,
      lost: c.packetsLost,
      duplicated: c.packetsDuplicated,
      reordered: c.packetsReordered,
    })),
    routerPorts: sim.router.ports.map((p) => ({
      name: p.name,
      received: p.received,
      forwarded: p.forwarded,
    })),
  };
}
