import {
  describePart,
  MEMORY_SORT_KEYS,
  type FirewallMemoryRow,
  type MemorySortKey,
  type PartText,
} from '../../engine';
import { NONE, splitId } from '../firewall/connection-rows';
import type { FirewallMemoryView } from '../run/memory-readers';
import { formatAt } from '../run/quantity-format';

/**
 * The firewall memory table's model. The engine filters, sorts and pages the table
 * (queryFirewallMemory); this says which columns sort how, and formats the rows it returns.
 */

export const SORT_KEYS = MEMORY_SORT_KEYS;
export type SortKey = MemorySortKey;

export interface SortOrder {
  readonly key: SortKey;
  readonly descending: boolean;
}

export const DEFAULT_SORT: SortOrder = { key: 'number', descending: false };

/** Every row is two lines high (see MemoryTable's CSS): the window arithmetic relies on it. */
export const MEMORY_ROW_PX = 38;

/** A header click: the same column again turns the order round; another column sorts up. */
export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  return current.key === key
    ? { key, descending: !current.descending }
    : { key, descending: false };
}

export function ariaSort(order: SortOrder, key: SortKey): 'ascending' | 'descending' | 'none' {
  if (order.key !== key) return 'none';
  return order.descending ? 'descending' : 'ascending';
}

/** One row as the table shows it. */
export interface MemoryTableRow {
  /** The readable id: the row's key and what selecting it selects. */
  readonly id: string;
  /** "#3". */
  readonly number: string;
  /** The 5-tuple on two lines: "tcp 192.0.2.10:50048" and "→ 198.51.100.20:33981". */
  readonly from: string;
  readonly to: string;
  readonly admittedBy: string;
  readonly age: string;
  readonly created: string;
  /** One per module, MEMORY_MODULES order. */
  readonly parts: readonly PartText[];
  readonly state: string;
  readonly helper: string;
  /** "#1", or "—". */
  readonly master: string;
  readonly masterId: string | null;
  /** Rebuilt from the checkpoint server after a crash (FIG. 5B). */
  readonly rebuilt: boolean;
  /** The selected connection's master, or a connection it announced. */
  readonly related: boolean;
}

export function memoryRow(row: FirewallMemoryRow, nowUs: number): MemoryTableRow {
  const [tuple, number] = splitId(row.id);
  const arrow = tuple.indexOf(' → ');
  return {
    id: row.id,
    number,
    from: arrow < 0 ? tuple : tuple.slice(0, arrow),
    to: arrow < 0 ? '' : tuple.slice(arrow + 1),
    admittedBy: row.admittedBy,
    age: formatAt(Math.max(nowUs - row.createdUs, 0)),
    created: formatAt(row.createdUs),
    parts: row.parts.map((code, m) => describePart(m, code)),
    state: row.state || NONE,
    helper: row.helper || NONE,
    master: row.master === '' ? NONE : splitId(row.master)[1] || row.master,
    masterId: row.master === '' ? null : row.master,
    rebuilt: row.rebuilt,
    related: row.related,
  };
}

/** What replaces or heads the rows: why there are none, or how far recovery is. */
export function firewallMemoryStatus(
  memory: Pick<FirewallMemoryView, 'state' | 'count'>,
  connectionsBeforeCrash: number | null,
): string | null {
  if (memory.state === 'down')
    return 'Crashed — its memory is gone. The connections survive only as records on the checkpoint server.';
  if (memory.state === 'recovering')
    return `Recovering: ${memory.count} of ${connectionsBeforeCrash ?? memory.count} connections reassembled from the checkpoint server.`;
  return memory.count === 0 ? 'No connection is being tracked.' : null;
}
