import type { FlowKind, FlowReport } from '../../engine';
import { FLOW_STATUSES, flowStatus } from './flow-status';

/** What a kind's summary row adds up, flow by flow. */
export interface KindTotals {
  flows: number;
  /** Flows by status, indexed as FLOW_STATUSES. */
  readonly counts: number[];
  delivered: number;
  /** Summed goals of the flows that have one; `openEnded` counts those that have none. */
  goalSum: number;
  openEnded: number;
  retransmissions: number;
  maxStallUs: number;
}

const statusIndex = (f: FlowReport, runFinished: boolean) =>
  FLOW_STATUSES.indexOf(flowStatus(f, runFinished));

/**
 * The flows' totals by kind, kept from one refresh to the next: a flow whose report is the
 * same object as last time (the engine keeps the reports of unchanged flows) is not added
 * again, so a refresh of large-table's 120,000 flows costs a comparison per flow and real
 * work for the few thousand that changed. A worst stall that shrank (another run), a flow of
 * another kind at a position, fewer flows or the run's finishing make it add all up again.
 */
export class FlowTotals {
  private seen: readonly FlowReport[] = [];
  private runFinished = false;
  private byKind = new Map<FlowKind, KindTotals>();

  /** The totals of `flows`, by kind in the order the kinds first appear. */
  update(flows: readonly FlowReport[], runFinished: boolean): ReadonlyMap<FlowKind, KindTotals> {
    if (runFinished !== this.runFinished || flows.length < this.seen.length) {
      return this.recount(flows, runFinished);
    }
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i];
      const before = this.seen[i];
      if (f === before) continue;
      if (before !== undefined && !this.take(before, f)) return this.recount(flows, runFinished);
      this.add(f);
    }
    this.seen = flows;
    return this.byKind;
  }

  private recount(flows: readonly FlowReport[], runFinished: boolean) {
    this.byKind = new Map();
    this.runFinished = runFinished;
    for (const f of flows) this.add(f);
    this.seen = flows;
    return this.byKind;
  }

  private add(f: FlowReport): void {
    let t = this.byKind.get(f.kind);
    if (t === undefined) this.byKind.set(f.kind, (t = newTotals()));
    t.flows++;
    t.counts[statusIndex(f, this.runFinished)]++;
    t.delivered += f.bytesDelivered;
    if (f.bytesGoal === null) t.openEnded++;
    else t.goalSum += f.bytesGoal;
    t.retransmissions += f.retransmissions;
    t.maxStallUs = Math.max(t.maxStallUs, f.maxStallUs);
  }

  /** Takes `before` out of its kind's totals, unless a maximum cannot be taken back. */
  private take(before: FlowReport, after: FlowReport): boolean {
    if (before.kind !== after.kind || after.maxStallUs < before.maxStallUs) return false;
    const t = this.byKind.get(before.kind)!;
    t.flows--;
    t.counts[statusIndex(before, this.runFinished)]--;
    t.delivered -= before.bytesDelivered;
    if (before.bytesGoal === null) t.openEnded--;
    else t.goalSum -= before.bytesGoal;
    t.retransmissions -= before.retransmissions;
    return true;
  }
}

function newTotals(): KindTotals {
  return {
    flows: 0,
    counts: FLOW_STATUSES.map(() => 0),
    delivered: 0,
    goalSum: 0,
    openEnded: 0,
    retransmissions: 0,
    maxStallUs: 0,
  };
}
