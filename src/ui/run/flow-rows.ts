import type { FlowKind, FlowReport } from '../../engine';
import { fillLength } from './bar-scale';
import { flowKindDescription } from './flow-kinds';
import { formatAt, formatBytes, formatCount, formatMs } from './quantity-format';

/**
 * The flow table's content as plain data: one row per flow shown, and for a long list a
 * summary row per kind plus the first few flows (1,200 rows would slow every refresh).
 */

export type FlowStatus = 'waiting' | 'running' | 'completed' | 'aborted' | 'failed' | 'unfinished';

export interface FlowRow {
  readonly id: string;
  readonly kind: FlowKind;
  /** What the kind means, for a tooltip. */
  readonly kindTitle: string;
  readonly status: FlowStatus;
  readonly statusText: string;
  /** e.g. "12.3 MB / 20.0 MB"; just the bytes when the flow has no goal. */
  readonly bytes: string;
  /** Exact numbers for the tooltip: "12,345,678 / 20,000,000 bytes". */
  readonly bytesExact: string;
  /** Progress bar fill in % (0–100), null when the flow has no goal. */
  readonly percent: number | null;
  readonly retransmissions: string;
  readonly maxStall: string;
}

export interface FlowTableModel {
  /** One row per kind, only when some flows are left out. */
  readonly summaries: readonly FlowRow[];
  readonly rows: readonly FlowRow[];
  readonly total: number;
  /** Flows not listed. */
  readonly hidden: number;
}

export const FLOWS_LISTED = 20;

export function flowStatus(f: FlowReport, runFinished: boolean): FlowStatus {
  if (f.completed) return 'completed';
  if (f.aborted) return 'aborted';
  if (f.error !== null) return 'failed';
  if (runFinished) return 'unfinished';
  return f.startedAtUs === null ? 'waiting' : 'running';
}

function statusText(f: FlowReport, status: FlowStatus): string {
  switch (status) {
    case 'completed':
      return `completed at ${formatAt(f.completedAtUs ?? 0)}`;
    case 'aborted':
    case 'failed':
      return f.error ? `${status} (${f.error})` : status;
    case 'unfinished':
      return 'not finished when the run ended';
    default:
      return status;
  }
}

function bytes(delivered: number, goal: number | null) {
  if (goal === null) {
    return { bytes: formatBytes(delivered), bytesExact: `${formatCount(delivered)} bytes` };
  }
  return {
    bytes: `${formatBytes(delivered)} / ${formatBytes(goal)}`,
    bytesExact: `${formatCount(delivered)} / ${formatCount(goal)} bytes`,
  };
}

export function flowRow(f: FlowReport, runFinished: boolean): FlowRow {
  const status = flowStatus(f, runFinished);
  return {
    id: f.id,
    kind: f.kind,
    kindTitle: flowKindDescription(f.kind),
    status,
    statusText: statusText(f, status),
    ...bytes(f.bytesDelivered, f.bytesGoal),
    percent: f.bytesGoal === null ? null : fillLength(f.bytesDelivered, f.bytesGoal, 100),
    retransmissions: formatCount(f.retransmissions),
    maxStall: formatMs(f.maxStallUs),
  };
}

const ORDER: readonly FlowStatus[] = [
  'completed',
  'running',
  'waiting',
  'aborted',
  'failed',
  'unfinished',
];

/** What a kind's summary row adds up, flow by flow. */
interface KindTotals {
  flows: number;
  readonly counts: Map<FlowStatus, number>;
  delivered: number;
  goal: number | null;
  retransmissions: number;
  maxStallUs: number;
}

function addFlow(t: KindTotals, f: FlowReport, runFinished: boolean): void {
  const status = flowStatus(f, runFinished);
  t.flows++;
  t.counts.set(status, (t.counts.get(status) ?? 0) + 1);
  t.delivered += f.bytesDelivered;
  t.goal = t.goal === null || f.bytesGoal === null ? null : t.goal + f.bytesGoal;
  t.retransmissions += f.retransmissions;
  t.maxStallUs = Math.max(t.maxStallUs, f.maxStallUs);
}

function newTotals(): KindTotals {
  return { flows: 0, counts: new Map(), delivered: 0, goal: 0, retransmissions: 0, maxStallUs: 0 };
}

/** All flows of one kind as one row: counts per status, summed bytes, worst stall. */
function kindRow(kind: FlowKind, t: KindTotals): FlowRow {
  const parts = ORDER.flatMap((s) => {
    const n = t.counts.get(s);
    return n === undefined ? [] : [`${formatCount(n)} ${s}`];
  });
  return {
    id: `all ${formatCount(t.flows)}`,
    kind,
    kindTitle: flowKindDescription(kind),
    status: t.counts.size === 1 ? [...t.counts.keys()][0] : 'running',
    statusText: parts.join(', '),
    ...bytes(t.delivered, t.goal),
    percent: t.goal === null ? null : fillLength(t.delivered, t.goal, 100),
    retransmissions: formatCount(t.retransmissions),
    maxStall: formatMs(t.maxStallUs),
  };
}

/**
 * The first `limit` flows as rows and, when there are more, one summary row per kind. One pass
 * that adds each flow to its kind's totals: large-table refreshes this over 120,000 flows.
 */
export function flowTable(
  flows: readonly FlowReport[],
  runFinished: boolean,
  limit = FLOWS_LISTED,
): FlowTableModel {
  const listed = flows.slice(0, limit);
  const byKind = new Map<FlowKind, KindTotals>();
  if (flows.length > limit) {
    for (const f of flows) {
      let totals = byKind.get(f.kind);
      if (totals === undefined) byKind.set(f.kind, (totals = newTotals()));
      addFlow(totals, f, runFinished);
    }
  }
  return {
    summaries: [...byKind].map(([kind, totals]) => kindRow(kind, totals)),
    rows: listed.map((f) => flowRow(f, runFinished)),
    total: flows.length,
    hidden: flows.length - listed.length,
  };
}
