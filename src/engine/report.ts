import type { Flow, FlowKind } from './apps/flow';
import { buildFirewallReport, type FirewallReport } from './firewall';
import type { Simulation } from './simulation';
import { buildCheckpointSection, type CheckpointSection } from './checkpoint/checkpoint-report';

/** One flow in a report; see README for every field. */
export interface FlowReport {
  id: string;
  kind: FlowKind;
  bytesGoal: number | null;
  bytesDelivered: number;
  completed: boolean;
  completedAtUs: number | null;
  endedAtUs: number | null;
  aborted: boolean;
  error: string | null;
  retransmissions: number;
  maxStallUs: number;
  startedAtUs: number | null;
  [extra: string]: number | string | boolean | null;
}

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
    flows: sim.flowList.map((f) => flowReport(f, endUs)),
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

/**
 * Reports of finished flows without kind-specific counters, kept for the next report: a page
 * refreshing its report of large-table's 120,000 flows built all of them again each time,
 * though nearly all had ended. A kept report is used only while the flow's every reported
 * field still reads the same (a socket may count a retransmitted FIN after its flow ended).
 */
const finishedReports = new WeakMap<Flow, FlowReport>();

function flowReport(f: Flow, nowUs: number): FlowReport {
  const kept = finishedReports.get(f);
  if (kept !== undefined && unchanged(kept, f)) return kept;
  const report = newFlowReport(f, nowUs);
  if (f.finished && !hasExtra(f)) finishedReports.set(f, report);
  return report;
}

/** The kept report of a finished flow still says what the flow says. */
function unchanged(r: FlowReport, f: Flow): boolean {
  return (
    f.finished &&
    r.bytesDelivered === f.bytesDelivered &&
    r.retransmissions === f.retransmissions &&
    r.completed === f.completed &&
    r.aborted === f.aborted &&
    r.error === (f.error === '' ? null : f.error) &&
    r.endedAtUs === (f.endedAtUs >= 0 ? f.endedAtUs : null) &&
    r.startedAtUs === (f.startedAtUs >= 0 ? f.startedAtUs : null) &&
    r.completedAtUs === (f.completed ? f.completedAtUs : null) &&
    r.maxStallUs === f.maxStallUs &&
    !hasExtra(f)
  );
}

/** Whether the flow has kind-specific counters (asked per flow per refresh: no key array). */
function hasExtra(f: Flow): boolean {
  for (const _ in f.extra) return true;
  return false;
}

function newFlowReport(f: Flow, nowUs: number): FlowReport {
  return {
    id: f.id,
    kind: f.kind,
    bytesGoal: f.bytesGoal,
    bytesDelivered: f.bytesDelivered,
    completed: f.completed,
    completedAtUs: f.completed ? f.completedAtUs : null,
    endedAtUs: f.endedAtUs >= 0 ? f.endedAtUs : null,
    aborted: f.aborted,
    error: f.error === '' ? null : f.error,
    retransmissions: f.retransmissions,
    maxStallUs: f.maxStallAt(nowUs),
    startedAtUs: f.startedAtUs >= 0 ? f.startedAtUs : null,
    ...f.extra,
  };
}
