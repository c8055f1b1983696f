import { bisectRight } from 'd3-array';
import { format } from 'd3-format';
import type { FlowReport } from '../../engine';
import type { FlowSeries, Overview } from '../overview/overview';
import { flowStatus } from '../run/flow-status';
import { formatAt, formatBytes } from '../run/quantity-format';

/**
 * The main bulk transfer (the flow with the largest goal, e.g. ftp-crash's 20 MB download)
 * as a percent and a state. Whether it is stalled comes from the overview's samples of the
 * whole run: the report only knows the longest stall so far, not whether one is going on.
 */

export type TransferState =
  'waiting' | 'running' | 'stalled' | 'completed' | 'aborted' | 'failed' | 'unfinished';

export interface TransferProgress {
  readonly id: string;
  /** Whole percent delivered, rounded down: 100 only once every byte has arrived. */
  readonly percent: number;
  /** "63%". */
  readonly percentText: string;
  /** Exact fraction delivered (0–1), for the bar. */
  readonly fraction: number;
  readonly state: TransferState;
  /** "stalled: nothing delivered for 412 ms", "completed at 2.283 s", … */
  readonly stateText: string;
  /** "9.51 MB / 20.0 MB". */
  readonly bytesText: string;
}

/** No byte for this long means the transfer is stalled (TCP's minimum retransmission timeout). */
export const STALL_US = 200_000;

/** The flow with the largest byte goal (the first of equals), or null when none has a goal. */
export function mainTransfer(flows: readonly FlowReport[]): FlowReport | null {
  let best: FlowReport | null = null;
  for (const f of flows) {
    if (f.bytesGoal !== null && (best === null || f.bytesGoal > (best.bytesGoal ?? 0))) best = f;
  }
  return best;
}

/**
 * mainTransfer of one run's reports as they come, looking only at the flows added since the
 * last call: walking large-table's 120,000 flows at every refresh took a second of a
 * fast-forward. Exact because a scenario always makes the same flows in the same order, with
 * goals that never change (the engine is deterministic), and reports only ever add flows;
 * `scenario` is the run's, and a new one, or fewer flows (a replay from the start), starts over.
 */
export class MainTransfer {
  private scenario: unknown = null;
  private scanned = 0;
  private best = -1;

  of(scenario: unknown, flows: readonly FlowReport[]): FlowReport | null {
    if (scenario !== this.scenario || flows.length < this.scanned) {
      this.scenario = scenario;
      this.scanned = 0;
      this.best = -1;
    }
    for (let i = this.scanned; i < flows.length; i++) {
      const goal = flows[i].bytesGoal;
      if (goal !== null && (this.best < 0 || goal > (flows[this.best].bytesGoal ?? 0))) {
        this.best = i;
      }
    }
    this.scanned = flows.length;
    return this.best < 0 ? null : flows[this.best];
  }
}

/**
 * How long, as of `nowUs`, the series has delivered nothing: since the first sample of the
 * flat stretch that ends at the latest sample before `nowUs`. Null when it moved after that
 * sample (`deliveredNow` is larger) or there is no sample yet.
 */
export function flatForUs(
  series: FlowSeries,
  timesUs: readonly number[],
  nowUs: number,
  deliveredNow: number,
): number | null {
  const last = bisectRight(timesUs, nowUs) - 1;
  if (last < 0 || series.delivered[last] !== deliveredNow) return null;
  let first = last;
  while (first > 0 && series.delivered[first - 1] === deliveredNow) first--;
  return nowUs - timesUs[first];
}

const seconds = format(',.1f');

/** A stall's length: "412 ms" under ten seconds, "599.2 s" beyond. */
export function stallText(us: number): string {
  return us < 10_000_000 ? `${Math.round(us / 1_000)} ms` : `${seconds(us / 1e6)} s`;
}

export function transferProgress(
  flow: FlowReport,
  nowUs: number,
  runFinished: boolean,
  overview: Overview | null,
): TransferProgress {
  const goal = flow.bytesGoal ?? 0;
  const delivered = flow.bytesDelivered;
  const fraction = flow.completed || goal <= 0 ? 1 : Math.min(1, delivered / goal);
  const percent = flow.completed ? 100 : Math.min(99, Math.floor(fraction * 100));
  let state: TransferState = flowStatus(flow, runFinished);
  let stateText = statusText(flow, state);
  const flat = state === 'running' ? stalledForUs(flow, nowUs, overview) : null;
  if (flat !== null) {
    state = 'stalled';
    stateText = `stalled: nothing delivered for ${stallText(flat)}`;
  }
  return {
    id: flow.id,
    percent,
    percentText: `${percent}%`,
    fraction,
    state,
    stateText,
    bytesText: `${formatBytes(delivered)} / ${formatBytes(goal)}`,
  };
}

/** How long a running flow has been stalled, or null when it is moving (or nobody knows). */
function stalledForUs(flow: FlowReport, nowUs: number, overview: Overview | null): number | null {
  const series = overview?.flows.find((s) => s.id === flow.id);
  if (overview === null || series === undefined) return null;
  const flat = flatForUs(series, overview.timesUs, nowUs, flow.bytesDelivered);
  return flat !== null && flat >= STALL_US ? flat : null;
}

function statusText(flow: FlowReport, state: TransferState): string {
  switch (state) {
    case 'completed':
      return `completed at ${formatAt(flow.completedAtUs ?? 0)}`;
    case 'aborted':
    case 'failed':
      return flow.error === null ? state : `${state}: ${flow.error}`;
    case 'unfinished':
      return 'did not complete';
    default:
      return state;
  }
}
