import type { ConnectionHistory, ConnectionSummary } from '../../engine';
import { formatAt, formatCount } from '../run/quantity-format';

/**
 * The firewall's connection table (FIG. 4B: its memory space) as rows: the live connections
 * first — capped, since many-flows holds 1,200 and large-table over 100,000 — then the ended
 * ones, most recent first, also capped (the engine's summary picks them). Totals are always
 * given.
 */

export interface ConnectionRow {
  /** The readable id, unique: the row's key. */
  readonly id: string;
  /** "#3" (the number part of the id). */
  readonly number: string;
  /** "tcp 192.0.2.10:50048 → 198.51.100.20:33981". */
  readonly tuple: string;
  /** The last conntrack state, e.g. "ESTABLISHED". */
  readonly state: string;
  /** Every state it went through, "SYN_SENT → SYN_RECV → ESTABLISHED". */
  readonly history: string;
  readonly helper: string;
  /** "#1" for a connection a helper announced; "—" otherwise. */
  readonly related: string;
  readonly relatedId: string | null;
  readonly admittedBy: string;
  readonly accepted: string;
  readonly dropped: string;
  readonly droppedAny: boolean;
  readonly created: string;
  /** "at 1.234 s: expired"; null while live. */
  readonly ended: string | null;
}

export interface StateCount {
  readonly state: string;
  readonly count: string;
}

export interface ConnectionTableModel {
  readonly live: readonly ConnectionRow[];
  readonly liveTotal: number;
  /** Live connections per current state, most common first. */
  readonly liveStates: readonly StateCount[];
  readonly ended: readonly ConnectionRow[];
  readonly endedTotal: number;
  /** Connections the engine did not keep a history for (its history is bounded). */
  readonly omitted: number;
}

export const CONNECTIONS_LISTED = 20;
export const NONE = '—';

/** "tcp 1.2.3.4:5 → 6.7.8.9:10 #3" → ["tcp 1.2.3.4:5 → 6.7.8.9:10", "#3"]. */
export function splitId(id: string): [tuple: string, number: string] {
  const match = /^(.*?)\s+(#[\d.]+)$/.exec(id);
  return match ? [match[1], match[2]] : [id, ''];
}

export function connectionRow(c: ConnectionHistory): ConnectionRow {
  const [tuple, number] = splitId(c.id);
  const ended =
    c.endedAtUs === null ? null : `at ${formatAt(c.endedAtUs)}: ${c.endReason ?? 'ended'}`;
  return {
    id: c.id,
    number,
    tuple,
    state: c.states.at(-1) ?? NONE,
    history: c.states.join(' → '),
    helper: c.helper ?? NONE,
    related: c.related === null ? NONE : splitId(c.related)[1] || c.related,
    relatedId: c.related,
    admittedBy: c.admittedBy,
    accepted: formatCount(c.packets.accepted),
    dropped: formatCount(c.packets.dropped),
    droppedAny: c.packets.dropped > 0,
    created: formatAt(c.createdAtUs),
    ended,
  };
}

export function connectionTable(summary: ConnectionSummary): ConnectionTableModel {
  return {
    live: summary.live.map(connectionRow),
    liveTotal: summary.liveTotal,
    liveStates: summary.liveStates.map(([state, n]) => ({
      state: state || NONE,
      count: formatCount(n),
    })),
    ended: summary.ended.map(connectionRow),
    endedTotal: summary.endedTotal,
    omitted: summary.omitted,
  };
}
