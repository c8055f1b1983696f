import type { FlowKind, FlowReport } from '../../engine';
import { fillLength } from './bar-scale';
import { flowKindDescription } from './flow-kinds';
import { FLOW_STATUSES, flowStatus, type FlowStatus } from './flow-status';
import { FlowTotals, type KindTotals } from './flow-totals';
import { formatAt, formatBytes, formatCount, formatMs } from './quantity-format';

/**
 * The flow table's content as plain data: one row per flow shown, and for a long list a
 * summary row per kind plus the first few flows (1,200 rows would slow every refresh).
 */

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

/** All flows of one kind as one row: counts per status, summed bytes, worst stall. */
function kindRow(kind: FlowKind, t: KindTotals): FlowRow {
  const present = FLOW_STATUSES.filter((_, i) => t.counts[i] > 0);
  const goal = t.openEnded > 0 ? null : t.goalSum;
  return {
    id: `all ${formatCount(t.flows)}`,
    kind,
    kindTitle: flowKindDescription(kind),
    status: present.length === 1 ? present[0] : 'running',
    statusText: present
      .map((s) => `${formatCount(t.counts[FLOW_STATUSES.indexOf(s)])} ${s}`)
      .join(', '),
    ...bytes(t.delivered, goal),
    percent: goal === null ? null : fillLength(t.delivered, goal, 100),
    retransmissions: formatCount(t.retransmissions),
    maxStall: formatMs(t.maxStallUs),
  };
}

/**
 * The first `limit` flows as rows and, when there are more, one summary row per kind. Given
 * the totals of the last refresh, only the flows whose reports changed are added up again:
 * large-table refreshes this over 120,000 flows.
 */
export function flowTable(
  flows: readonly FlowReport[],
  runFinished: boolean,
  limit = FLOWS_LISTED,
  totals = new FlowTotals(),
): FlowTableModel {
  const listed = flows.slice(0, limit);
  const byKind = flows.length > limit ? totals.update(flows, runFinished) : new Map();
  return {
    summaries: [...byKind].map(([kind, t]) => kindRow(kind, t)),
    rows: listed.map((f) => flowRow(f, runFinished)),
    total: flows.length,
    hidden: flows.length - listed.length,
  };
}
