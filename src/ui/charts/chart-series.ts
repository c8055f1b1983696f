import type { FlowKind } from '../../engine';
import type { FlowSeries, KindSeries, Overview } from '../overview/overview';
import { formatCount } from '../run/quantity-format';

/** One line on the charts: a flow, or every flow of a kind summed. */
export interface ChartSeries {
  /** The flow's id, or `kind:KIND` for a kind's sum (ids never start with "kind:"). */
  readonly key: string;
  readonly label: string;
  readonly kind: FlowKind;
  /** Flows the line adds up: 1 for a single flow. */
  readonly flowCount: number;
  /** What the flow should deliver; null for a sum (its flows' goals are not in the overview). */
  readonly bytesGoal: number | null;
  /** Cumulative delivered bytes at each of the overview's sample times. */
  readonly delivered: readonly number[];
  readonly completedAtUs: number | null;
  /** Where the line stops: its flow ended. Null: it lasts the whole run (and every sum does). */
  readonly endedAtUs: number | null;
  /** The line's colour and dash, by position: no two lines share both. */
  readonly styleIndex: number;
}

export interface ChartSelection {
  readonly series: readonly ChartSeries[];
  /** The biggest transfer, which the summaries and the baseline follow; null: no lines. */
  readonly bulkKey: string | null;
  /** What the lines sum up or leave out, in words ("" when each flow has its own line). */
  readonly note: string;
}

/** More lines than this turn into a tangle (and the palette has this many colours and dashes). */
export const MAX_LINES = 6;
/** A kind with more flows than this is drawn as one summed line. */
export const MAX_FLOWS_PER_KIND = 4;

/** Control connections: a few hundred bytes of commands, a flat line at zero on any scale. */
const SIGNALLING: ReadonlySet<FlowKind> = new Set<FlowKind>(['ftp-control', 'sip-call']);

/** Whether a line sums a kind's flows (rather than drawing one flow). */
export function isSum(series: Pick<ChartSeries, 'key'>): boolean {
  return series.key.startsWith('kind:');
}

/** What a summed line's flows are, in the plural. */
export function kindNoun(kind: FlowKind): string {
  switch (kind) {
    case 'ftp-data':
      return 'FTP transfers';
    case 'ftp-control':
      return 'FTP control sessions';
    case 'tcp':
      return 'TCP requests';
    case 'udp-stream':
      return 'UDP streams';
    case 'sip-call':
      return 'SIP calls';
  }
}

type Line = Omit<ChartSeries, 'styleIndex'>;

function flowLine(f: FlowSeries): Line {
  return {
    key: f.id,
    label: f.id,
    kind: f.kind,
    flowCount: 1,
    bytesGoal: f.bytesGoal,
    delivered: f.delivered,
    completedAtUs: f.completedAtUs,
    endedAtUs: f.endedAtUs,
  };
}

function kindLine(k: KindSeries): Line {
  return {
    key: `kind:${k.kind}`,
    label: `${formatCount(k.flows)} ${kindNoun(k.kind)} (sum)`,
    kind: k.kind,
    flowCount: k.flows,
    bytesGoal: null,
    delivered: k.delivered,
    completedAtUs: null,
    endedAtUs: null,
  };
}

/**
 * The lines worth drawing: each bulk transfer and stream on its own, a kind with many flows
 * (or flows beyond the overview's first ones) as its sum, and every kind summed when that still
 * makes too many lines. Single flows come first, biggest goal first, so the transfer a crash
 * hurts most gets the first (solid) style.
 */
export function selectSeries(overview: Overview): ChartSelection {
  const dataKinds = overview.kinds.filter((k) => !SIGNALLING.has(k.kind) && k.flows > 0);
  let singles: Line[] = [];
  let sums: KindSeries[] = [];
  for (const k of dataKinds) {
    const flows = overview.flows.filter((f) => f.kind === k.kind);
    if (k.flows <= MAX_FLOWS_PER_KIND && flows.length === k.flows) {
      singles.push(...flows.map(flowLine));
    } else sums.push(k);
  }
  if (singles.length + sums.length > MAX_LINES) {
    singles = [];
    sums = dataKinds;
  }
  singles.sort((a, b) => (b.bytesGoal ?? 0) - (a.bytesGoal ?? 0));
  const lines = [...singles, ...sums.map(kindLine)].slice(0, MAX_LINES);
  const series = lines.map((line, styleIndex) => ({ ...line, styleIndex }));
  return { series, bulkKey: bulkKey(series), note: selectionNote(overview, singles, sums) };
}

/** The single flow with the largest goal, else the line that delivered the most. */
function bulkKey(series: readonly ChartSeries[]): string | null {
  const singles = series.filter((s) => s.bytesGoal !== null);
  const pool = singles.length > 0 ? singles : series;
  const size = (s: ChartSeries) => s.bytesGoal ?? s.delivered.at(-1) ?? 0;
  let best: ChartSeries | null = null;
  for (const s of pool) if (best === null || size(s) > size(best)) best = s;
  return best?.key ?? null;
}

function selectionNote(overview: Overview, singles: Line[], sums: KindSeries[]): string {
  const parts: string[] = [];
  const total = overview.kinds.reduce((n, k) => n + k.flows, 0);
  if (sums.length > 0 && singles.length === 0 && total > MAX_LINES) {
    parts.push(`${formatCount(total)} flows: each kind is drawn as the sum of its flows.`);
  } else if (sums.length > 0) {
    const named = sums.map((k) => `${formatCount(k.flows)} ${kindNoun(k.kind)}`).join(', ');
    parts.push(`Summed into one line each: ${named}.`);
  }
  const left = overview.kinds.filter((k) => SIGNALLING.has(k.kind) && k.flows > 0);
  if (left.length > 0) {
    const named = left.map((k) => kindNoun(k.kind)).join(' and ');
    parts.push(`${named} carry too few bytes to chart.`);
  }
  return parts.join(' ');
}

/** A line as another overview (the run without crashes) has it. */
export interface MatchingLine {
  readonly delivered: readonly number[];
  readonly completedAtUs: number | null;
  readonly endedAtUs: number | null;
}

/**
 * The same line in another overview: the flow with the same id, or the same kind's sum. Null
 * when that run has no such line.
 */
export function matchingLine(
  other: Overview,
  series: Pick<ChartSeries, 'key' | 'kind'>,
): MatchingLine | null {
  if (isSum(series)) {
    const sum = other.kinds.find((k) => k.kind === series.kind);
    return sum ? { delivered: sum.delivered, completedAtUs: null, endedAtUs: null } : null;
  }
  return other.flows.find((f) => f.id === series.key) ?? null;
}
