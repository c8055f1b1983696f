import type { Flow, FlowKind, FlowRegistry } from './apps/flow';
import { invariant } from './errors';

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

/**
 * A run's flows' reports, kept from one report to the next. Only the flows the registry says
 * changed since, new flows and running ones (whose ongoing stall grows with the clock) are
 * reported afresh: a page refreshing its report of large-table's 120,000 flows built every
 * one again each time, though nearly all had ended or not yet started.
 */
class KeptReports {
  private readonly reports: FlowReport[] = [];
  /** Positions of flows reported while running: their stall may have grown since. */
  private readonly running = new Set<number>();

  constructor(private readonly registry: FlowRegistry) {}

  /** The flows' reports at `nowUs`: a new array (a caller may compare it with the last). */
  at(nowUs: number): FlowReport[] {
    const { flows } = this.registry;
    const known = this.reports.length;
    for (let i = known; i < flows.length; i++) this.report(flows[i], nowUs);
    for (const i of this.registry.takeChanged()) if (i < known) this.report(flows[i], nowUs);
    for (const i of this.running) {
      const f = flows[i];
      if (this.reports[i].maxStallUs !== f.maxStallAt(nowUs)) this.report(f, nowUs);
    }
    invariant(this.reports.length === flows.length, 'every flow has a report');
    return this.reports.slice();
  }

  private report(f: Flow, nowUs: number): void {
    this.reports[f.index] = newFlowReport(f, nowUs);
    if (f.startedAtUs >= 0 && !f.finished) this.running.add(f.index);
    else this.running.delete(f.index);
  }
}

const keptByRun = new WeakMap<FlowRegistry, KeptReports>();

/** The reports of the registry's flows at `nowUs`. */
export function flowReports(registry: FlowRegistry, nowUs: number): FlowReport[] {
  let kept = keptByRun.get(registry);
  if (kept === undefined) keptByRun.set(registry, (kept = new KeptReports(registry)));
  return kept.at(nowUs);
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
