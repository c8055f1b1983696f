import type { SimulationReport } from '../../engine';
import type { Divergence } from './divergence';
import { mainTransfer, stallText, transferProgress } from '../recovery/transfer-progress';
import { formatBytes, formatClock, formatCount } from '../run/quantity-format';

/** One side of the comparison as the summary reads it. */
export interface CompareSide {
  readonly label: string;
  readonly report: SimulationReport;
  readonly nowUs: number;
  readonly finished: boolean;
}

/** A line of the side-by-side table; `differs` marks the lines where the runs part. */
export interface CompareRow {
  readonly key: string;
  readonly label: string;
  readonly a: string;
  readonly b: string;
  readonly differs: boolean;
}

type Fact = (side: CompareSide) => string;

const FACTS: readonly (readonly [string, string, Fact])[] = [
  ['clock', 'Simulated time', (s) => `${formatClock(s.nowUs)}${s.finished ? ' · over' : ''}`],
  ['firewall', 'Firewall', (s) => s.report.firewall.state],
  ['crashes', 'Connections through crashes', crashesText],
  ['transfer', 'Main transfer', transferText],
  ['stall', 'Its longest stall', (s) => stallOf(s)],
  ['flows', 'Flows completed', flowsText],
  ['delivered', 'Packets delivered', (s) => formatCount(s.report.packets.delivered)],
  ['dropped', 'Dropped by the firewall', firewallDropsText],
  [
    'checkpoint',
    'Checkpoint writes',
    (s) => `${formatCount(s.report.checkpoint.writes)} · ${formatBytes(s.report.checkpoint.bytes)}`,
  ],
];

/**
 * The two sides line by line. A line differs only when both describe the same instant (or
 * both runs are over): figures taken at different times say nothing about the strategies.
 */
export function compareRows(a: CompareSide, b: CompareSide): CompareRow[] {
  const comparable = a.nowUs === b.nowUs || (a.finished && b.finished);
  return FACTS.map(([key, label, fact]) => {
    const x = fact(a);
    const y = fact(b);
    return { key, label, a: x, b: y, differs: comparable && key !== 'clock' && x !== y };
  });
}

/** How the table names a strategy: with its mode when it has one. */
export function strategyLabel(strategy: string, mode: string): string {
  return strategy === 'unique-id' ? `unique-id · ${mode}` : strategy;
}

/** The outcome of one side in a sentence: what the crashes cost and how the transfer ended. */
export function outcomeText(side: CompareSide): string {
  const main = mainTransfer(side.report.flows);
  const transfer =
    main === null
      ? ''
      : ` ${main.id} ${transferProgress(main, side.nowUs, side.finished, null).stateText}.`;
  const ending = side.finished ? '' : ' (so far)';
  return `${side.label}: ${crashesText(side)}${ending}.${transfer}`;
}

function crashesText(s: CompareSide): string {
  const crashes = s.report.crashes;
  if (crashes.length === 0) return 'no crash yet';
  const before = crashes.reduce((n, c) => n + c.connectionsBefore, 0);
  const recovered = crashes.reduce((n, c) => n + c.recovered, 0);
  const lost = crashes.reduce((n, c) => n + c.lost, 0);
  const pending = crashes.some((c) => c.recoveredAtUs === null);
  if (pending && recovered + lost === 0) return `${formatCount(before)} waiting for recovery`;
  return `${formatCount(recovered)} recovered, ${formatCount(lost)} lost of ${formatCount(before)}`;
}

function transferText(s: CompareSide): string {
  const main = mainTransfer(s.report.flows);
  if (main === null) return '—';
  const p = transferProgress(main, s.nowUs, s.finished, null);
  return `${p.percentText} · ${p.stateText}`;
}

function stallOf(s: CompareSide): string {
  const main = mainTransfer(s.report.flows);
  return main === null ? '—' : stallText(main.maxStallUs);
}

function flowsText(s: CompareSide): string {
  const flows = s.report.flows;
  return `${formatCount(flows.filter((f) => f.completed).length)} of ${formatCount(flows.length)}`;
}

function firewallDropsText(s: CompareSide): string {
  const dropped = Object.entries(s.report.packets.dropped).filter(
    ([reason, n]) => reason.startsWith('firewall-') && n > 0,
  );
  const total = dropped.reduce((n, [, k]) => n + k, 0);
  if (total === 0) return '0';
  const parts = dropped.map(
    ([reason, n]) => `${reason.slice('firewall-'.length)} ${formatCount(n)}`,
  );
  return `${formatCount(total)} (${parts.join(', ')})`;
}

/**
 * What the first divergence is, when the two events are the same packet at different times:
 * "the same packet, 33 µs later in unique-id · sync". Empty otherwise.
 */
export function divergenceNote(d: Divergence, labelA: string, labelB: string): string {
  const a = d.a;
  const b = d.b;
  if (a === null || b === null || a.kind !== b.kind || !('packet' in a) || !('packet' in b))
    return '';
  if (a.packet.id !== b.packet.id || a.atUs === b.atUs) return '';
  const later = a.atUs > b.atUs ? labelA : labelB;
  return `the same packet, ${formatCount(Math.abs(a.atUs - b.atUs))} µs later in ${later}`;
}
